using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>A synchronous task over the context <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The build context type.</typeparam>
public abstract class FrostingTask<T> : IFrostingTask
    where T : ICakeContext
{
    /// <summary>Runs the task.</summary>
    /// <param name="context">The build context.</param>
    public virtual void Run(T context)
    {
    }

    /// <summary>Decides whether the task runs.</summary>
    /// <param name="context">The build context.</param>
    /// <returns><c>true</c> to run the task (the default).</returns>
    public virtual bool ShouldRun(T context) => true;

    /// <summary>Handles an error of this task; overriding it makes the error handled.</summary>
    /// <param name="exception">The error.</param>
    /// <param name="context">The build context.</param>
    public virtual void OnError(Exception exception, T context)
    {
    }

    /// <summary>Runs after the task whatever its outcome.</summary>
    /// <param name="context">The build context.</param>
    public virtual void Finally(T context)
    {
    }

    Task IFrostingTask.RunAsync(ICakeContext context)
    {
        Run((T)context);
        return Task.CompletedTask;
    }

    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun((T)context);

    void IFrostingTask.OnError(Exception exception, ICakeContext context) => OnError(exception, (T)context);

    void IFrostingTask.Finally(ICakeContext context) => Finally((T)context);
}

/// <summary>A synchronous task over Cake's plain <see cref="ICakeContext"/>.</summary>
public abstract class FrostingTask : FrostingTask<ICakeContext>
{
}
