using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>What the import did for one cache mount, for the export and the report.</summary>
/// <param name="Mount">The mount.</param>
/// <param name="From">The ref it was filled from, or null when none exists (or the fill failed).</param>
/// <param name="Record">That image's record (its content digest), or null.</param>
/// <param name="Bytes">The image's compressed size, or 0.</param>
/// <param name="Elapsed">The time the check and the fill took.</param>
internal sealed record CacheMountImported(CacheMountPlan Mount, string? From, CacheRecord? Record, long Bytes, TimeSpan Elapsed)
{
    /// <summary>Gets why the fill did not run (every step that mounts it will come from the layer cache), or null when it ran.</summary>
    public string? NotFilled { get; init; }
}
