using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// <see cref="BuildFeatures"/> onto <c>docker buildx build</c>'s settings, for the buildx that runs it. Each flag the
/// module's oldest buildx (0.10) lacks is gated here, next to where it is added, and dropped with a warning
/// (<see cref="Warnings"/>) when the builder's buildx is older.
/// </summary>
internal static class BuildFeatureArguments
{
    /// <summary>Adds the features' flags to <paramref name="settings"/>.</summary>
    /// <param name="features">The features.</param>
    /// <param name="settings">The build's settings.</param>
    /// <param name="version">The builder's buildx version, or null when unknown (Plan: every flag is shown).</param>
    public static void Apply(BuildFeatures features, BuildxBuildSettings settings, BuildxVersion? version)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(settings);

        // --secret (env= since buildx 0.6), --ssh (0.2) and --build-context (0.8) are older than any buildx supported.
        foreach (var secret in features.Secrets)
        {
            settings.Secrets.Add(secret);
        }

        foreach (var ssh in features.Ssh)
        {
            settings.Ssh.Add(ssh);
        }

        foreach (var (name, value) in features.BuildContexts)
        {
            settings.BuildContexts[name] = value;
        }

        if (SupportsAnnotations(version))
        {
            foreach (var (key, value) in features.Annotations)
            {
                settings.Annotations[key] = value;
            }
        }

        // --provenance and --sbom: buildx 0.10 (b270a2027). --no-cache-filter: 0.8. --shm-size and --ulimit: 0.7.
        // --add-host, --network, --pull and --no-cache: 0.2. All older than any buildx supported.
        settings.Provenance = features.Provenance;
        settings.Sbom = features.Sbom;
        settings.NoCache = features.NoCache;
        settings.Pull = features.Pull;
        settings.Network = features.Network;
        settings.ShmSize = features.ShmSize;
        foreach (var stage in features.NoCacheFilter)
        {
            settings.NoCacheFilter.Add(stage);
        }

        foreach (var host in features.AddHosts)
        {
            settings.AddHosts.Add(host);
        }

        foreach (var (name, limit) in features.Ulimits)
        {
            settings.Ulimits.Add(name + "=" + limit);
        }
    }

    /// <summary>What <see cref="Apply"/> leaves out for <paramref name="version"/>, one warning each.</summary>
    /// <param name="features">The features.</param>
    /// <param name="version">The builder's buildx version, or null when unknown.</param>
    /// <returns>The warnings.</returns>
    public static IReadOnlyList<string> Warnings(BuildFeatures features, BuildxVersion? version)
    {
        ArgumentNullException.ThrowIfNull(features);
        return features.Annotations.Count > 0 && !SupportsAnnotations(version)
            ? [$"--annotation needs buildx 0.12 or later (this is {version!.Text}): the image is built without the annotations {string.Join(", ", features.Annotations.Select(pair => pair.Key))}"]
            : [];
    }

    // --annotation came with buildx 0.12.0 (a59058e8a "build: add --annotation shortcut flag"); unknown: trust it.
    private static bool SupportsAnnotations(BuildxVersion? version) => version is null || version.IsAtLeast(0, 12);
}
