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
        foreach (var text in OptionCatalog.Secret.ValueIn(options))
        {
            if (BuildSecretSpec.TryParse(text, out var secret, out _))
            {
                secrets.Add(secret);
            }
        }

        return new BuildFeatures
        {
            Secrets = secrets,
            Ssh = [.. OptionCatalog.Ssh.ValueIn(options).Where(text => SshSpec.TryParse(text, out _, out _))],
            BuildContexts = OptionCatalog.BuildContext.ValueIn(options),
            Annotations = OptionCatalog.Annotation.ValueIn(options),
            Provenance = OptionCatalog.Provenance.ValueIn(options),
            Sbom = OptionCatalog.Sbom.ValueIn(options),
            NoCache = OptionCatalog.NoCache.ValueIn(options),
            NoCacheFilter = OptionCatalog.NoCacheFilter.ValueIn(options),
            Pull = OptionCatalog.Pull.ValueIn(options),
            Network = OptionCatalog.Network.ValueIn(options),
            AddHosts = OptionCatalog.AddHost.ValueIn(options),
            Ulimits = OptionCatalog.Ulimit.ValueIn(options),
            ShmSize = OptionCatalog.ShmSize.ValueIn(options),
        };
    }
}
