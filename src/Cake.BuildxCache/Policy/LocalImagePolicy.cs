using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// A local run needs no registry: it loads the image into the local engine and only reads the cache.
/// So locally, without <c>--image</c>, the image is named after the repository (its origin's name,
/// else its folder's) on a local registry; in CI the image must be set (or come from CI_REGISTRY_IMAGE).
/// </summary>
internal static class LocalImagePolicy
{
    /// <summary>The registry host local default images are named on.</summary>
    public const string LocalRegistry = "localhost:5000";

    /// <summary>Fills in the local default image when none was set and the run is local.</summary>
    /// <param name="options">The options as read.</param>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="repositoryFolderName">The working directory's folder name.</param>
    /// <returns>The options, with <see cref="BuildxCacheOptions.Image"/> filled in when that applies.</returns>
    public static BuildxCacheOptions Apply(BuildxCacheOptions options, GitRefInfo refs, string repositoryFolderName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(refs);
        var repositoryName = refs.SourceUrl?.TrimEnd('/').Split('/')[^1] is { Length: > 0 } fromOrigin ? fromOrigin : repositoryFolderName;
        if (refs.IsCI || !string.IsNullOrEmpty(options.Image) || RefSlug.From(repositoryName) is not { Length: > 0 } name)
        {
            return options;
        }

        var origins = new Dictionary<string, OptionOrigin>(options.Origins)
        {
            [OptionCatalog.Image.Name] = new(OptionSource.Default, "local default: no --image, named after the repository"),
        };
        return options with { Image = $"{LocalRegistry}/{name}", Origins = origins };
    }
}
