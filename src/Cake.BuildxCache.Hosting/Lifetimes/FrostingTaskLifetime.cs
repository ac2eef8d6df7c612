using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>A per-task lifetime over the context <typeparamref name="T"/>; register it with <see cref="CakeHost.UseTaskLifetime{TLifetime}"/>.</summary>
/// <typeparam name="T">The build context type.</typeparam>
public abstract class FrostingTaskLifetime<T> : IFrostingTaskLifetime
    where T : ICakeContext
{
    /// <summary>Runs before each task.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">The task about to run.</param>
    public abstract void Setup(T context, ITaskSetupContext info);

    /// <summary>Runs after each task, also when it failed.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">The task that ran and how it went.</param>
    public abstract void Teardown(T context, ITaskTeardownContext info);

    void IFrostingTaskLifetime.Setup(ICakeContext context, ITaskSetupContext info) => Setup((T)context, info);

    void IFrostingTaskLifetime.Teardown(ICakeContext context, ITaskTeardownContext info) => Teardown((T)context, info);
}
