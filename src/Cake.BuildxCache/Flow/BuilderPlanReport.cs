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

    /// <summary>One node: where its BuildKit runs, its TLS, and the platforms BuildKit sends to it.</summary>
    /// <param name="builder">The builder plan.</param>
    /// <param name="node">The node.</param>
    /// <returns>The line, without its indent.</returns>
    public static string Describe(BuilderPlan builder, BuilderNodePlan node)
    {
        var where = (builder.Driver, node.Endpoint) switch
        {
            (_, { } endpoint) => $"remote BuildKit daemon {endpoint} ({Tls(node)})",
            (KubernetesDriver.Name, _) => "kubernetes deployment" + (node.DriverOptions.Where(pair => pair.Key is "namespace" or "nodeselector" or "replicas").Select(pair => $"{pair.Key}={pair.Value}").ToList() is { Count: > 0 } shown ? " (" + string.Join(", ", shown) + ")" : string.Empty),
            _ => $"{builder.Driver} on {(builder.ContextName is { } context ? "docker context " + context : "this run's docker endpoint")}",
        };
        var platforms = node.Platforms.Count == 0 ? "its daemon's platforms" : "platforms " + string.Join(",", node.Platforms);
        return $"{node.Name}: {where}; {platforms}";
    }

    private static string Tls(BuilderNodePlan node)
    {
        var tls = node.DriverOptions.Where(pair => RemoteDriver.TlsFileKeys.Contains(pair.Key) || pair.Key == "servername").Select(pair => pair.Key).ToList();
        return tls.Count == 0 ? "no TLS" : "TLS: " + string.Join(", ", tls);
    }

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
        yield return $"  builder nodes ({builder.Nodes.Count}):";
        foreach (var node in builder.Nodes)
        {
            yield return Indent + Describe(builder, node);
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
