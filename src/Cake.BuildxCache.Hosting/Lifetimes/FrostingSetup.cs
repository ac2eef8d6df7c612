using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>A setup over the context <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The build context type.</typeparam>
public abstract class FrostingSetup<T> : IFrostingSetup
    where T : ICakeContext
{
    /// <summary>Runs before the first task.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">What will run.</param>
    public abstract void Setup(T context, ISetupContext info);

    void IFrostingSetup.Setup(ICakeContext context, ISetupContext info) => Setup((T)context, info);
}
