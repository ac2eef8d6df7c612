using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Plan's lines about the builder's connection and buildkitd.toml: the remote daemon, the generated config with its
/// content (or why it is not passed), and how the registry API client speaks to insecure registries. Nothing is
/// printed for a builder that needs none of these, so the common plan stays as it was.
/// </summary>
internal static class BuilderPlanReport
{
    private const string Indent = "                  ";

    /// <summary>The lines, in Plan's <c>  name:           value</c> layout.</summary>
    /// <param name="builder">The builder plan.</param>
    /// <param name="options">The options.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(BuilderPlan builder, BuildxCacheOptions options)
    {
        yield return "  buildx:         " + options.BuildxPlugin switch
        {
            BuildxPluginChoice.Auto => "the docker-buildx plugin docker would run, started directly (one process less per command) when it is 0.23 or later, else through docker",
            BuildxPluginChoice.Docker => "through docker (docker buildx …), as --buildx-plugin=docker says",
            var path => $"{path} started directly when it is 0.23 or later, else docker buildx (--buildx-plugin)",
        };
        if (builder.RemoteEndpoint is { } endpoint)
        {
            var tls = builder.DriverOptions.Where(pair => RemoteDriver.TlsFileKeys.Contains(pair.Key) || pair.Key == "servername").Select(pair => pair.Key).ToList();
            yield return $"  builder:        remote BuildKit daemon {endpoint} ({(tls.Count == 0 ? "no TLS" : "TLS: " + string.Join(", ", tls) + " from --driver-opt")})";
        }

        if (builder.LoopbackRegistry.Note is { } network)
        {
            yield return "  network:        " + network;
        }

        if (builder.GeneratedConfig is { } generated)
        {
            var sources = string.Join(" and ", generated.Sources.Select(name => "--" + name));
            yield return builder.PassesGeneratedConfig
                ? $"  buildkitd.toml: {generated.Path}, generated from {sources} (config {generated.Hash}; a builder with another is recreated):"
                : $"  buildkitd.toml: not passed: the {builder.Driver} driver's daemon reads its own config (buildx refuses one); give {(builder.RemoteEndpoint is { } daemon ? "the daemon at " + daemon : "that daemon")} these settings from {sources}:";
            foreach (var line in generated.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Indent + line;
            }
        }
        else if (builder.BuildkitdConfig is { } own && options.InsecureRegistries.Count > 0)
        {
            yield return $"  buildkitd.toml: {own} (yours, used as it is: it must mark the --insecure-registry hosts itself)";
        }

        var (plainHttp, unverifiedTls) = BuildkitdConfigPolicy.InsecureHosts(options);
        if (plainHttp.Count + unverifiedTls.Count > 0)
        {
            var parts = new List<string>();
            // The very endpoints the registry API client speaks to: one function decides them for both.
            if (plainHttp.Count > 0)
            {
                parts.Add(string.Join(", ", plainHttp.Select(host => RegistryEndpoint.For(host, insecure: true).BaseUri)) + " (plain HTTP)");
            }

            if (unverifiedTls.Count > 0)
            {
                parts.Add(string.Join(", ", unverifiedTls.Select(host => RegistryEndpoint.For(host, unverifiedTls: true).BaseUri)) + " without certificate checks");
            }

            yield return $"  registry api:   {string.Join("; ", parts)} (--insecure-registry)";
        }
    }
}
