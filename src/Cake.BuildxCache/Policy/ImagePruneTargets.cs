using System.Collections.Immutable;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The registry prune of a run with several images: one <see cref="ImagePruneTarget"/> per image to prune, each knowing
/// the scopes of every image of the run that shares its cache repository, so that one image's prune never takes
/// another's tags for its own (including images <c>--image-filter</c> leaves out of this run). An image's cache
/// repository and scope are those its build plans with (<see cref="ImageOptions.For"/>): <c>--cache-repo</c>, else
/// <c>&lt;image&gt;/cache</c>; the scope is what its cache tags carry after the slug, its name then a stage or platform
/// part (<c>&lt;prefix&gt;&lt;slug&gt;-api-runtime</c>).
/// </summary>
internal static class ImagePruneTargets
{
    /// <summary>The targets, in the order of <paramref name="declared"/>.</summary>
    /// <param name="declared">Every image the run declares.</param>
    /// <param name="selected">The names of the images to prune, or null for all.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="scopeOf">Each image's cache scope, or null for the scope its build plans with.</param>
    /// <returns>The targets.</returns>
    public static ImmutableArray<ImagePruneTarget> Of(IReadOnlyList<ImageDeclaration> declared, IReadOnlyCollection<string>? selected, BuildxCacheOptions options, Func<ImageDeclaration, string>? scopeOf = null)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(options);
        scopeOf ??= image => ScopeOf(image, options);
        var repositories = declared.Select(image => (image.Name, Repository: RepositoryOf(image, options), Scope: scopeOf(image))).ToList();
        return
        [
            .. declared
                .Where(image => selected is null || selected.Contains(image.Name, StringComparer.Ordinal))
                .Select(image =>
                {
                    var repository = RepositoryOf(image, options);
                    var others = repositories.Where(other => other.Name != image.Name && other.Repository == repository).Select(other => other.Scope);
                    return new ImagePruneTarget(image.Name, repository, image.Image, new ImageTagScopes(scopeOf(image), [.. others]));
                }),
        ];
    }

    /// <summary>The image's cache repository, as its build has it: <c>--cache-repo</c>, else <c>&lt;image&gt;/cache</c>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="options">The run's options.</param>
    /// <returns>The repository.</returns>
    public static string RepositoryOf(ImageDeclaration image, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        return ImageOptions.For(options, image).EffectiveCacheRepo ?? image.Image + "/cache";
    }

    // An image's scope always starts with its name (CacheScope.Of), so it is never null.
    private static string ScopeOf(ImageDeclaration image, BuildxCacheOptions options) =>
        CacheScope.Of(ImageOptions.For(options, image)).Value ?? image.Name;
}
