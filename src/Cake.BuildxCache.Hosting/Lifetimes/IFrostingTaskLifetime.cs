using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>Setup and teardown around every task.</summary>
public interface IFrostingTaskLifetime
{
    /// <summary>Runs before each task.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">The task about to run.</param>
    void Setup(ICakeContext context, ITaskSetupContext info);

    /// <summary>Runs after each task, also when it failed.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">The task that ran and how it went.</param>
    void Teardown(ICakeContext context, ITaskTeardownContext info);
}
