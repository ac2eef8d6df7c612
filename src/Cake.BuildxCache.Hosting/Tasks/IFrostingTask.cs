using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>A task the host registers with the Cake engine. Derive from <see cref="FrostingTask{T}"/> or <see cref="AsyncFrostingTask{T}"/>.</summary>
public interface IFrostingTask
{
    /// <summary>Runs the task.</summary>
    /// <param name="context">The build context.</param>
    /// <returns>A task that completes when the task has run.</returns>
    Task RunAsync(ICakeContext context);

    /// <summary>Decides whether the task runs; a task that should not run is reported as skipped.</summary>
    /// <param name="context">The build context.</param>
    /// <returns><c>true</c> to run the task.</returns>
    bool ShouldRun(ICakeContext context);

    /// <summary>Handles an error the task threw. When overridden the error counts as handled and the build goes on.</summary>
    /// <param name="exception">The error.</param>
    /// <param name="context">The build context.</param>
    void OnError(Exception exception, ICakeContext context);

    /// <summary>Runs after the task, whether it succeeded or not.</summary>
    /// <param name="context">The build context.</param>
    void Finally(ICakeContext context);
}
