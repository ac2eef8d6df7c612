using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>What <see cref="LoopbackRegistryPolicy"/> decided for the registries on this machine's loopback.</summary>
/// <param name="Hosts">The registry hosts on the loopback (<c>localhost:5000</c>, <c>127.0.0.1:5000</c>), or none.</param>
/// <param name="AddsHostNetwork">True when the builder gets <c>--driver-opt network=host</c> for them.</param>
/// <param name="Note">Plan's line about them, or null when there is nothing to say.</param>
/// <param name="Problem">Why the build cannot reach them, naming the option that puts BuildKit elsewhere and the fix, or null.</param>
internal sealed record LoopbackRegistryDecision(IReadOnlyList<string> Hosts, bool AddsHostNetwork, string? Note, OptionProblem? Problem)
{
    /// <summary>No registry on the loopback: nothing to do or say.</summary>
    public static LoopbackRegistryDecision None { get; } = new([], false, null, null);
}
