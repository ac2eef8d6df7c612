using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Which registries to log in to, and with which credentials: the distinct hosts of the image, the
/// cache repository, and the <c>registry</c> option (which may name a third registry, e.g. of base
/// images). <c>registry-user/password</c> belong to the <c>registry</c> host (default: the image's);
/// <c>cache-registry-user/password</c> to the cache repository's host when it has no other credentials.
/// </summary>
internal static class RegistryPolicy
{
    /// <summary>The logins, image's host first.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One login per distinct host.</returns>
    public static IReadOnlyList<BuildRegistry> Logins(BuildxCacheOptions options) => Logins(options, options?.EffectiveCacheRepo);

    /// <summary>The logins, image's host first, with the cache in <paramref name="cacheRepo"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cacheRepo">The cache repository the plan uses, or null without one.</param>
    /// <returns>One login per distinct host.</returns>
    public static IReadOnlyList<BuildRegistry> Logins(BuildxCacheOptions options, string? cacheRepo) => BuildRegistries.For(options, cacheRepo);

    /// <summary>The logins plus notes on the ones that will be skipped or look wrong.</summary>
    /// <param name="options">The options.</param>
    /// <param name="isCI">True under a CI system.</param>
    /// <returns>The logins and notes.</returns>
    public static (IReadOnlyList<BuildRegistry> Logins, IReadOnlyList<string> Notes) Decide(BuildxCacheOptions options, bool isCI) =>
        Decide(options, options?.EffectiveCacheRepo, isCI);

    /// <summary>The logins plus notes, with the cache in <paramref name="cacheRepo"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cacheRepo">The cache repository the plan uses, or null without one.</param>
    /// <param name="isCI">True under a CI system.</param>
    /// <returns>The logins and notes.</returns>
    public static (IReadOnlyList<BuildRegistry> Logins, IReadOnlyList<string> Notes) Decide(BuildxCacheOptions options, string? cacheRepo, bool isCI)
    {
        var logins = Logins(options, cacheRepo);
        var notes = new List<string>();
        foreach (var login in logins.Where(login => !login.HasCredentials))
        {
            notes.Add(isCI
                ? $"login to {login.Host} ({login.Purpose}): no credentials; CI needs registry-user and registry-password"
                : $"login to {login.Host} ({login.Purpose}) skipped: no credentials given, assuming `docker login {login.Host}` was done");
        }

        if (!string.IsNullOrEmpty(options.Image) && ImageName.Parse(options.Image) is { IsDockerHubLibrary: true } image)
        {
            notes.Add($"image '{image.Repository}' is Docker Hub's library/{image.Path}: only official images can be pushed there; use <user>/{image.Path}");
        }

        return (logins, notes);
    }

    /// <summary>The normalized registry host of a repository name, or null when there is none.</summary>
    /// <param name="repository">A repository name.</param>
    /// <returns>The host, <c>docker.io</c> for Docker Hub names.</returns>
    public static string? HostOf(string? repository) => BuildRegistries.HostOf(repository);
}
