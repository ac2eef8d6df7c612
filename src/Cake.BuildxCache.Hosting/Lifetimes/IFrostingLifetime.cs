namespace Cake.BuildxCache.Hosting;

/// <summary>Setup before the first task and teardown after the last one, whatever happened.</summary>
public interface IFrostingLifetime : IFrostingSetup, IFrostingTeardown
{
}
