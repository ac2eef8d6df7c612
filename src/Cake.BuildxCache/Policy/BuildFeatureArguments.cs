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
    }

    /// <summary>What <see cref="Apply"/> leaves out for <paramref name="version"/>, one warning each.</summary>
    /// <param name="features">The features.</param>
    /// <param name="version">The builder's buildx version, or null when unknown.</param>
    /// <returns>The warnings.</returns>
    public static IReadOnlyList<string> Warnings(BuildFeatures features, BuildxVersion? version)
    {
        ArgumentNullException.ThrowIfNull(features);
        return [];
    }
}
