using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Which credentials go with which registry host: the distinct hosts of the image, the cache repository and the
/// <c>registry</c> option; <c>registry-user/password</c> belong to the <c>registry</c> host (default: the image's),
/// <c>cache-registry-user/password</c> to the cache repository's host when it has no other credentials.
/// </summary>
public static class BuildRegistries
{
    /// <summary>The logins, image's host first, with the cache in <paramref name="cacheRepo"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cacheRepo">The cache repository, or null without one.</param>
    /// <returns>One login per distinct host.</returns>
    public static IReadOnlyList<BuildRegistry> For(BuildxCacheOptions options, string? cacheRepo)
    {
        ArgumentNullException.ThrowIfNull(options);
        var imageHost = HostOf(options.Image);
        var cacheHost = HostOf(cacheRepo);
        var registryHost = string.IsNullOrEmpty(options.Registry) ? null : DockerNames.NormalizeHost(options.Registry);
        var mainHost = registryHost ?? imageHost;

        var purposes = new List<(string Host, List<string> Purposes)>();
        void Add(string? host, string purpose)
        {
            if (host is null)
            {
                return;
            }

            var entry = purposes.FirstOrDefault(item => item.Host == host);
            if (entry.Host is null)
            {
                purposes.Add((host, [purpose]));
            }
            else if (!entry.Purposes.Contains(purpose))
            {
                entry.Purposes.Add(purpose);
            }
        }

        Add(imageHost, "image");
        Add(cacheHost, "cache");
        Add(registryHost, "registry");

        return [.. purposes.Select(item => Login(options, item.Host, string.Join(", ", item.Purposes.Where(p => p != "registry" || item.Purposes.Count == 1)), mainHost, cacheHost))];
    }

    /// <summary>The normalized registry host of a repository name, or null when there is none.</summary>
    /// <param name="repository">A repository name.</param>
    /// <returns>The host, <c>docker.io</c> for Docker Hub names.</returns>
    public static string? HostOf(string? repository) =>
        string.IsNullOrWhiteSpace(repository) ? null : ImageName.Parse(repository).RegistryHost;

    private static BuildRegistry Login(BuildxCacheOptions options, string host, string purpose, string? mainHost, string? cacheHost)
    {
        var hasMain = options.RegistryUser is not null || options.RegistryPassword is not null;
        var hasCache = options.CacheRegistryUser is not null || options.CacheRegistryPassword is not null;
        if (host == mainHost && hasMain)
        {
            return new(host, purpose, options.RegistryUser, options.RegistryPassword, OptionCatalog.RegistryUser.Name);
        }

        if (host == cacheHost && hasCache)
        {
            return new(host, purpose, options.CacheRegistryUser, options.CacheRegistryPassword, OptionCatalog.CacheRegistryUser.Name);
        }

        return new(host, purpose, null, null, null);
    }
}
