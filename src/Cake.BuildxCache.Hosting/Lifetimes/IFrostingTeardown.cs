using Cake.Core;

namespace Cake.BuildxCache.Hosting;

/// <summary>Runs after the last task, whatever happened; register it with <see cref="CakeHost.UseTeardown{TTeardown}"/>.</summary>
public interface IFrostingTeardown
{
    /// <summary>Runs after the build, also when it failed.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="info">How the build went.</param>
    void Teardown(ICakeContext context, ITeardownContext info);
}
