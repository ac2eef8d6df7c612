using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Options;

/// <summary>
/// The checks of the declared images as a set, before anything runs: a name given twice, <c>--image-filter</c>
/// without image sections or naming an image nobody declared. Pure. What shows only in the plans (two images with
/// one tag or one cache ref) is <c>Policy/ImagePlanChecks</c>'s.
/// </summary>
internal static class ImageChecks
{
    /// <summary>The problems of the declared images.</summary>
    /// <param name="options">The run's options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var twice in options.Images.GroupBy(image => image.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            yield return new OptionProblem(
                twice.Key,
                null,
                null,
                $"is declared {twice.Count()} times ({string.Join(", ", twice.Select(image => image.Origin))}): an image name is its bake target, cache scope and output name",
                "give each image its own name");
        }

        // Each image's results are handed on under its name (IMAGE_DIGEST_API_V2): names that read the same there would overwrite each other.
        foreach (var same in options.Images.DistinctBy(image => image.Name, StringComparer.OrdinalIgnoreCase).GroupBy(image => ImageDeclaration.VariablePart(image.Name), StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            yield return new OptionProblem(
                string.Join(", ", same.Select(image => image.Name)),
                null,
                null,
                $"are declared ({string.Join(", ", same.Select(image => image.Origin))}) and hand on their digests under the same name (IMAGE_DIGEST_{same.Key} in build.env)",
                "rename one of them so that the names differ by more than '-' and '_'");
        }

        var filter = options.OriginOf(OptionCatalog.ImageFilter);
        if (options.ImageFilter.Count > 0 && options.Images.Count == 0)
        {
            yield return OptionProblem.For(OptionCatalog.ImageFilter, string.Join(",", options.ImageFilter), filter, "chooses among declared images, and there are none: declare them in cake.config ([Buildx.Image.NAME] sections), or drop it");
            yield break;
        }

        var declared = options.Images.Select(image => image.Name).ToList();
        foreach (var unknown in options.ImageFilter.Where(name => !declared.Contains(name, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            yield return OptionProblem.For(OptionCatalog.ImageFilter, unknown, filter, $"names no declared image; the declared images are {string.Join(", ", declared)}");
        }
    }
}
