using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>Plans the Merge task from the refs and the options, with the tags, output and time Publish would have. Pure.</summary>
internal static class MergePlanner
{
    /// <summary>The annotation type of the index's own annotations.</summary>
    public const string IndexType = "index";

    /// <summary>Plans the merge.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="publish">Publish's build plan: its image, output and time.</param>
    /// <param name="options">The options.</param>
    /// <returns>The plan.</returns>
    public static MergePlan Plan(GitRefInfo refs, BuildPlan publish, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(options);
        var (tags, _) = TagPolicy.Decide(refs, options);
        return new MergePlan(
            publish.Image,
            tags,
            [.. options.Platforms.Where(platform => platform != "local").Distinct(StringComparer.Ordinal)],
            [.. options.Annotations.Select(IndexAnnotation).OfType<string>()],
            [.. options.PlatformDigests.Select(pair => new PlatformImage(pair.Key, publish.Image, pair.Value, null, "--platform-digest"))],
            refs.Sha,
            publish.Time?.IsReproducible == true,
            publish.Output,
            publish.OutputReason,
            options.Builder);
    }

    // An annotation Publish puts on the index (`index:key=value`, also `manifest,index:key=value`), as imagetools takes it.
    private static string? IndexAnnotation(KeyValuePair<string, string> annotation)
    {
        var colon = annotation.Key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && annotation.Key[..colon].Split(',').Contains(IndexType, StringComparer.Ordinal)
            ? $"{IndexType}:{annotation.Key[(colon + 1)..]}={annotation.Value}"
            : null;
    }
}
