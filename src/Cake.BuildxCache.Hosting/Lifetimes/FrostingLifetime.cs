using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>A build lifetime over the context <typeparamref name="T"/>; register it with <see cref="CakeHost.UseLifetime{TLifetime}"/>.</summary>
/// <typeparam name="T">The build context type.</typeparam>
public abstract class FrostingLifetime<T> : IFrostingLifetime
    where T : ICakeContext
{
    /// <summary>Runs before the first task.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">What will run.</param>
    public abstract void Setup(T context, ISetupContext info);

    /// <summary>Runs after the build, also when it failed.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">How the build went.</param>
    public abstract void Teardown(T context, ITeardownContext info);

    void IFrostingSetup.Setup(ICakeContext context, ISetupContext info) => Setup((T)context, info);

    void IFrostingTeardown.Teardown(ICakeContext context, ITeardownContext info) => Teardown((T)context, info);
}
