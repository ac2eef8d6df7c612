namespace Cake.BuildxCache.Policy;

/// <summary>
/// The space limits of a prune as the flags one buildx takes, from <see cref="PruneSpacePolicy"/>: each value goes to
/// the flag of the same name, or nowhere when null.
/// </summary>
/// <param name="ReservedSpace"><c>--reserved-space</c> (buildx 0.18 and later).</param>
/// <param name="KeepStorage"><c>--keep-storage</c>: the reserved space for an older buildx.</param>
/// <param name="MaxUsedSpace"><c>--max-used-space</c>.</param>
/// <param name="MinFreeSpace"><c>--min-free-space</c>.</param>
public sealed record PruneSpaceFlags(string? ReservedSpace, string? KeepStorage, string? MaxUsedSpace, string? MinFreeSpace)
{
    /// <summary>What the run should say about how the limits were passed (<c>--keep-storage</c> for an old buildx).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Why the prune must not run, or null: a limit asked for cannot be honoured here, and a prune without it would
    /// remove more than asked.
    /// </summary>
    public string? Refusal { get; init; }
}
