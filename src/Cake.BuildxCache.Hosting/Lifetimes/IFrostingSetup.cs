using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>Runs before the first task; register it with <see cref="CakeHost.UseSetup{TSetup}"/>.</summary>
public interface IFrostingSetup
{
    /// <summary>Runs before the first task; throwing here stops the build before any task runs.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">What will run.</param>
    void Setup(ICakeContext context, ISetupContext info);
}
