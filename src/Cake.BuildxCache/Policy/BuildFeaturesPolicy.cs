using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The options of the build's pass-through features turned into <see cref="BuildFeatures"/>. Pure; a value that
/// cannot be read is left out here and reported by <see cref="BuildxCacheOptionsValidator"/>, which stops the run.
/// </summary>
internal static class BuildFeaturesPolicy
{
    /// <summary>The features the options ask for.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The features.</returns>
    public static BuildFeatures Decide(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secrets = new List<BuildSecret>();
        foreach (var text in options.Secrets)
        {
            if (BuildSecretSpec.TryParse(text, out var secret, out _))
            {
                secrets.Add(secret);
            }
        }

        return new BuildFeatures
        {
            Secrets = secrets,
            Ssh = [.. options.Ssh.Where(text => SshSpec.TryParse(text, out _, out _))],
            BuildContexts = options.BuildContexts,
            Annotations = options.Annotations,
            Provenance = options.Provenance,
            Sbom = options.Sbom,
            NoCache = options.NoCache,
            NoCacheFilter = options.NoCacheFilters,
            Pull = options.Pull,
            Network = options.Network,
            AddHosts = options.AddHosts,
            Ulimits = options.Ulimits,
            ShmSize = options.ShmSize,
        };
    }
}
