using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Flow;

/// <summary>What a build produced: its metadata file, digest, tags and what the cache did.</summary>
/// <param name="MetadataFile">The metadata file's absolute path.</param>
/// <param name="Metadata">Its content, or null when buildx wrote none.</param>
/// <param name="Tags">The image's tags as built (pushed or loaded).</param>
/// <param name="Report">What the cache did: steps cached and run, per stage, cache refs read and written.</param>
public sealed record BuildOutcome(string MetadataFile, BuildMetadata? Metadata, IReadOnlyList<string> Tags, BuildSummary Report)
{
    /// <summary>
    /// The image digest (<c>sha256:…</c>): the index the tags hold when a same-image push put them back on it, else the
    /// pushed one; null when buildx reported none (a build kept only in the cache).
    /// </summary>
    public string? Digest => Image?.TaggedDigest ?? Metadata?.Digest;

    /// <summary>
    /// How a reproducible push compares with what its tags pointed at before (<c>image unchanged</c> when the same
    /// commit was pushed already), or null when not checked (no push, not reproducible, registry not readable).
    /// </summary>
    public Policy.ImageChange? Image { get; init; }
}
