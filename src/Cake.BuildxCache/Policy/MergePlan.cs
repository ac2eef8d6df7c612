using Cake.BuildxCache.Docker.Imagetools;
using Cake.Core.IO;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The Merge task's plan (<see cref="MergePlanner"/>): join the platform images the fan-out jobs pushed by digest into
/// one index under the tags and index annotations Publish would write for this commit.
/// </summary>
/// <param name="Image">The image repository.</param>
/// <param name="Tags">The full tags the index goes under (<see cref="TagPolicy"/>, as Publish's).</param>
/// <param name="Platforms">The platforms the index must hold (<c>--platform</c>), in order.</param>
/// <param name="IndexAnnotations">The index's annotations (<c>--annotation index:key=value</c>), as given.</param>
/// <param name="Listed">The platform images listed with <c>--platform-digest</c> (they win over the artifacts).</param>
/// <param name="Commit">This run's commit: every platform image must be built from it.</param>
/// <param name="Reproducible">True when the image is a function of the commit: then an unchanged image moves no tag.</param>
/// <param name="Output">Push, or why not (a fork's merge request, <c>--push=false</c>): as Publish decides.</param>
/// <param name="OutputReason">Why <paramref name="Output"/>.</param>
/// <param name="Builder">The builder whose registry configuration <c>imagetools</c> uses.</param>
internal sealed record MergePlan(
    string Image,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> IndexAnnotations,
    IReadOnlyList<PlatformImage> Listed,
    string Commit,
    bool Reproducible,
    OutputMode Output,
    string OutputReason,
    string Builder)
{
    /// <summary>Where <c>imagetools create</c> writes the new index's descriptor.</summary>
    public const string MetadataFile = "artifacts/buildx-merge-metadata.json";

    /// <summary>True when Plan prints Merge's step: the run names several platforms, or lists their digests.</summary>
    public bool IsPlanned => Platforms.Count > 1 || Listed.Count > 0;

    /// <summary><c>docker buildx imagetools create</c> of <paramref name="sources"/> under the tags and index annotations.</summary>
    /// <param name="sources">The platform images, in the order of <see cref="Platforms"/>.</param>
    /// <returns>The settings.</returns>
    public ImagetoolsCreateSettings Create(IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var settings = new ImagetoolsCreateSettings { Builder = Builder, MetadataFile = new FilePath(MetadataFile), Progress = "plain" };
        foreach (var tag in Tags)
        {
            settings.Tags.Add(tag);
        }

        foreach (var annotation in IndexAnnotations)
        {
            settings.Annotations.Add(annotation);
        }

        foreach (var source in sources)
        {
            settings.Sources.Add(source);
        }

        return settings;
    }

    /// <summary>Merge's steps as Plan prints them: each platform's digest is named by where Merge takes it from.</summary>
    public IReadOnlyList<PlanStep> Steps =>
    [
        new(Create(Platforms.Select(platform => Listed.FirstOrDefault(listed => listed.Platform == platform)?.Pinned
            ?? $"{Image}@<digest of {platform} from {ArtifactPaths.FanOut(platform)}>")),
            Reproducible
                ? "after checking every platform is there and built from this commit; skipped (no tag moves) when the tags hold these image manifests already"
                : "after checking every platform is there and built from this commit"),
        new(null, "then the tags are read back: one index with every platform's image"),
    ];
}
