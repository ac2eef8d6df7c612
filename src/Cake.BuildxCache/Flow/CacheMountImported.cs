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
    /// <summary>Gets why it was filled (a step that mounts it may run), or why not (its steps will come from the layer cache, no image yet, a failure).</summary>
    public string Why { get; init; } = string.Empty;
}
