using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Options;

/// <summary>
/// The options one declared image is planned with: the run's options, with what the image declares for itself
/// (<see cref="OptionCatalog.PerImage"/>) in their place and its name as the first part of its cache scope. So every
/// policy (tags, labels, cache refs and their fallback chain, reproducible time, cache record, promotion) plans each
/// image as it plans the one image of a run without image sections. Pure.
/// </summary>
internal static class ImageOptions
{
    /// <summary>The images this run builds: the declared ones, narrowed by <c>--image-filter</c> (unknown names are the validator's).</summary>
    /// <param name="options">The run's options.</param>
    /// <returns>The images, in name order.</returns>
    public static IReadOnlyList<ImageDeclaration> Selected(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ImageFilter.Count == 0
            ? options.Images
            : [.. options.Images.Where(image => options.ImageFilter.Contains(image.Name, StringComparer.Ordinal))];
    }

    /// <summary>The options of each image the run builds: the run's own without image sections, else each selected image's.</summary>
    /// <param name="options">The run's options.</param>
    /// <returns>One set of options per image, in name order.</returns>
    public static IReadOnlyList<BuildxCacheOptions> PerImage(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var selected = Selected(options);
        return selected.Count == 0 ? [options] : [.. selected.Select(image => For(options, image))];
    }

    /// <summary>The options <paramref name="image"/> is planned with.</summary>
    /// <param name="run">The run's options.</param>
    /// <param name="image">The image.</param>
    /// <returns>The image's options.</returns>
    public static BuildxCacheOptions For(BuildxCacheOptions run, ImageDeclaration image)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(image);
        // A run's images come from its bake file or from cake.config's sections, never both (refused).
        var origin = run.BakeFiles.Count > 0
            ? new OptionOrigin(OptionSource.Argument, image.Origin)
            : new OptionOrigin(OptionSource.Configuration, ImageSections.Prefix + image.Name);
        var origins = new Dictionary<string, OptionOrigin>(run.Origins, StringComparer.Ordinal)
        {
            [OptionCatalog.Image.Name] = origin,
            [OptionCatalog.Dockerfile.Name] = origin,
            [OptionCatalog.Context.Name] = origin,
            [OptionCatalog.Stage.Name] = origin,
        };
        if (!image.Platforms.IsEmpty)
        {
            origins[OptionCatalog.Platform.Name] = origin;
        }

        if (!image.Tags.IsEmpty)
        {
            origins[OptionCatalog.Tag.Name] = origin;
        }

        // The image's build arguments override the run's of the same key.
        var buildArgs = run.BuildArgs.Where(pair => !image.BuildArgs.ContainsKey(pair.Key)).Concat(image.BuildArgs).ToList();
        return run with
        {
            Image = image.Image,
            Dockerfile = image.Dockerfile,
            Context = image.Context,
            Stage = image.Target,
            Platforms = image.Platforms.IsEmpty ? run.Platforms : [.. image.Platforms],
            ExtraTags = image.Tags.IsEmpty ? run.ExtraTags : [.. image.Tags],
            BuildArgs = buildArgs,
            ImageName = image.Name,
            Images = [],
            Origins = origins,
        };
    }
}
