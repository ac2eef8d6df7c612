using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// What shows only once several images are planned: two images pushing one tag, or writing or reading one cache ref
/// as their own (one image's cache would overwrite the other's on every run). Pure; reported before anything runs.
/// </summary>
internal static class ImagePlanChecks
{
    /// <summary>The problems between the run's images; none with one image.</summary>
    /// <param name="plan">The run plan.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var images = plan.Images;
        for (var i = 0; i < images.Count; i++)
        {
            for (var j = i + 1; j < images.Count; j++)
            {
                var (first, second) = (images[i], images[j]);
                var tags = first.Publish.Tags.Concat(first.Build.Tags).Intersect(second.Publish.Tags.Concat(second.Build.Tags), StringComparer.Ordinal).ToList();
                if (tags.Count > 0)
                {
                    yield return Problem(first, second, $"push the same tag {string.Join(", ", tags)}: give them different Image= repositories, or Tag= lists that do not meet");
                }

                var refs = OwnCacheRefs(first).Intersect(OwnCacheRefs(second), StringComparer.Ordinal).ToList();
                if (refs.Count > 0)
                {
                    yield return Problem(first, second, $"use the same cache ref {string.Join(", ", refs)} (its scope is the image name, then the stage and the one platform): rename one image, so that no name is another's name plus its stage");
                }
            }
        }
    }

    // The refs an image writes, or reads as its own branch's: the first of the chain.
    private static IEnumerable<string> OwnCacheRefs(ImageBuild image) =>
        new[] { image.Build.CacheTo?.Ref, image.Publish.CacheTo?.Ref, image.Build.CacheFrom.FirstOrDefault()?.Ref }.OfType<string>().Distinct(StringComparer.Ordinal);

    private static OptionProblem Problem(ImageBuild first, ImageBuild second, string what) =>
        new($"{ImageSections.SectionOf(first.Name)} and {ImageSections.SectionOf(second.Name)}", null, null, what, "see docs/several-images.md");
}
