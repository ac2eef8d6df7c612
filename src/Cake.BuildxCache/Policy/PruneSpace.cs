namespace Cake.BuildxCache.Policy;

/// <summary>The space limits of a builder prune, as the options give them (docker's sizes: <c>10GB</c>, <c>512MB</c>).</summary>
/// <param name="ReservedSpace"><c>--prune-reserved-space</c>: prune down to this, never below; or null.</param>
/// <param name="MaxUsedSpace"><c>--prune-max-used-space</c>: prune until the cache uses at most this; or null.</param>
/// <param name="MinFreeSpace"><c>--prune-min-free-space</c>: prune until the disk has this much free; or null.</param>
public sealed record PruneSpace(string? ReservedSpace = null, string? MaxUsedSpace = null, string? MinFreeSpace = null)
{
    /// <summary>No limit: the prune removes everything its filters match.</summary>
    public static PruneSpace None { get; } = new();

    /// <summary>True when any limit is set.</summary>
    public bool IsSet => ReservedSpace is not null || MaxUsedSpace is not null || MinFreeSpace is not null;
}
