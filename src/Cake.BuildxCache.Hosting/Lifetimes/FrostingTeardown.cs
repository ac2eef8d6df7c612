using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>A teardown over the context <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The build context type.</typeparam>
public abstract class FrostingTeardown<T> : IFrostingTeardown
    where T : ICakeContext
{
    /// <summary>Runs after the build, also when it failed.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">How the build went.</param>
    public abstract void Teardown(T context, ITeardownContext info);

    void IFrostingTeardown.Teardown(ICakeContext context, ITeardownContext info) => Teardown((T)context, info);
}
