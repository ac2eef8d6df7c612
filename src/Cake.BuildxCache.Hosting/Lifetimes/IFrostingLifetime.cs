using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>Setup before the first task and teardown after the last one, whatever happened.</summary>
public interface IFrostingLifetime
{
    /// <summary>Runs before the first task; throwing here stops the build before any task runs.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">What will run.</param>
    void Setup(ICakeContext context, ISetupContext info);

    /// <summary>Runs after the build, also when it failed.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">How the build went.</param>
    void Teardown(ICakeContext context, ITeardownContext info);
}
