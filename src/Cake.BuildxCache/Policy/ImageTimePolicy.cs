using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The image's time: with <c>--reproducible</c> (the default) the commit time, both on the <c>created</c> label and as
/// the epoch of the image output only. The epoch is never a build argument: buildx and the Dockerfile frontend would put
/// it into <c>WORKDIR</c>'s and later steps' cache keys, and every new commit would miss the cache from there on. With
/// <c>--reproducible=false</c>, or when the commit time is unknown, the build time.
/// </summary>
internal static class ImageTimePolicy
{
    /// <summary>Decides the image's time.</summary>
    /// <param name="refs">Where the build stands (its <see cref="GitRefInfo.CommitTime"/>).</param>
    /// <param name="options">The options (<see cref="OptionCatalog.Reproducible"/>).</param>
    /// <param name="buildTime">The build time (injected: policy reads no clock).</param>
    /// <returns>The image's time.</returns>
    public static ImageTime Decide(GitRefInfo refs, BuildxCacheOptions options, DateTimeOffset buildTime)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Reproducible)
        {
            return new(buildTime, null, $"build time {LabelPolicy.Rfc3339(buildTime)} (reproducible=false, {options.OriginOf(OptionCatalog.Reproducible)}: every build is a new image)");
        }

        if (refs.CommitTime is not { } commitTime)
        {
            var why = refs.CommitTimeNote is { } note ? $" ({note})" : string.Empty;
            return new(buildTime, null, $"build time {LabelPolicy.Rfc3339(buildTime)}: reproducible, but the commit time is unknown{why}, so this build's digest will not repeat");
        }

        // Whole seconds: the label is RFC 3339 to the second, and SOURCE_DATE_EPOCH counts seconds.
        var epoch = commitTime.ToUnixTimeSeconds();
        var created = DateTimeOffset.FromUnixTimeSeconds(epoch);
        var caveat = refs.CommitTimeNote is { } aside ? $"; {aside}" : string.Empty;
        var rewrites = options.RewriteTimestamps;
        var layers = rewrites
            ? "and the files of the layers the build made (rewrite-timestamp)"
            : "not the files in the layers: a layer from the cache is the same bytes anyway (--rewrite-timestamps also makes a rebuilt layer identical)";
        return new(created, epoch, $"commit time {LabelPolicy.Rfc3339(created)} from {refs.CommitTimeSource ?? "the refs"} (reproducible: created label, and source-date-epoch={epoch} on the image output, not as a build argument: config and history times, {layers}{caveat})", rewrites);
    }
}
