using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>What a prune did.</summary>
/// <param name="Decision">The decision per tag.</param>
/// <param name="Lines">The listing, then one line per deletion or failure: print them as they are.</param>
/// <param name="Deleted">The digests deleted (empty on a dry run).</param>
/// <param name="Failures">What could not be read or deleted, in plain words.</param>
internal sealed record RegistryPruneResult(CachePruneDecision Decision, IReadOnlyList<string> Lines, IReadOnlyList<string> Deleted, IReadOnlyList<string> Failures)
{
    /// <summary>True when every planned deletion happened (always true on a dry run).</summary>
    public bool Succeeded => Failures.Count == 0;
}
