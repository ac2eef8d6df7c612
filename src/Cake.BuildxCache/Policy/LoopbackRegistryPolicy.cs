using System.Net;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// A registry on this machine's loopback (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>; the module's own local
/// default image is <c>localhost:5000/…</c>) as BuildKit sees it. BuildKit pushes, pulls and reads the cache itself,
/// from its own network: a <c>docker-container</c> builder on the default bridge network has a loopback of its own,
/// where nothing listens (<c>dial tcp 127.0.0.1:5000: connect: connection refused</c>). So that builder gets
/// <c>network=host</c>, as docker's documentation tells users to do, unless the user set a <c>network=</c> driver option
/// themselves. A kubernetes builder's pods, and a remote daemon on another machine, never see this machine's
/// loopback: the build is refused, naming the fix. A remote daemon on this machine may (when it runs on the host's
/// network): it is left alone with a note.
/// </summary>
internal static class LoopbackRegistryPolicy
{
    /// <summary>The driver option that puts a <c>docker-container</c> builder on a network.</summary>
    public const string NetworkDriverOption = "network";

    /// <summary>Decides for the builder planned from <paramref name="options"/>.</summary>
    /// <param name="options">The options (driver, driver options, endpoint, image, cache repository, registry, mirrors, insecure registries).</param>
    /// <param name="driverOptions">The builder's driver options as planned so far.</param>
    /// <returns>The decision.</returns>
    public static LoopbackRegistryDecision Decide(BuildxCacheOptions options, IReadOnlyList<KeyValuePair<string, string>> driverOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(driverOptions);
        var hosts = RegistryHosts(options).Where(IsLoopback).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hosts.Count == 0)
        {
            return LoopbackRegistryDecision.None;
        }

        var named = $"the registr{(hosts.Count == 1 ? "y" : "ies")} {string.Join(", ", hosts)} on this machine's loopback";
        switch (options.BuilderDriver)
        {
            case "docker-container":
                var network = driverOptions.LastOrDefault(pair => pair.Key == NetworkDriverOption).Value;
                return network switch
                {
                    null => new(hosts, true, $"host (added: BuildKit reaches {named} only on the host's network; --driver-opt=network=… chooses another)", null),
                    "host" => new(hosts, false, null, null),
                    _ => new(hosts, false, $"{network} (--driver-opt): BuildKit reaches {named} only with network=host", null),
                };
            case "kubernetes":
                return new(hosts, false, null, OptionProblem.For(
                    OptionCatalog.BuilderDriver,
                    options.BuilderDriver,
                    options.OriginOf(OptionCatalog.BuilderDriver),
                    $"BuildKit pods in the cluster do not reach {named}: use a registry address the cluster reaches, or --builder-driver=docker-container"));
            case RemoteDriver.Name:
                // Every node's daemon must reach the registries: the first one elsewhere is the problem.
                OptionDescriptor option = options.BuilderNodes.Count > 0 ? OptionCatalog.BuilderNode : OptionCatalog.BuilderEndpoint;
                List<string?> endpoints = options.BuilderNodes.Count > 0
                    ? [.. options.BuilderNodes.Select(node => BuilderNodeSpec.TryParse(node, out var spec, out _) ? spec.Endpoint : null)]
                    : [options.BuilderEndpoint];
                var away = endpoints.FindIndex(endpoint => !IsOnThisMachine(endpoint));
                var elsewhere = away < 0 ? null : endpoints[away];
                return away < 0
                    ? new(hosts, false, endpoints.Count == 1
                        ? $"the BuildKit daemon at {endpoints[0]} reaches {named} only when it runs on the host's network"
                        : $"the BuildKit daemons at {string.Join(", ", endpoints)} reach {named} only when they run on the host's network", null)
                    : new(hosts, false, null, OptionProblem.For(
                        option,
                        options.BuilderNodes.Count > 0 ? options.BuilderNodes[away] : elsewhere,
                        options.OriginOf(option),
                        $"the BuildKit daemon at {elsewhere} runs elsewhere and does not reach {named} (its loopback is its own): use a registry address the daemon reaches, or --builder-driver=docker-container"));
            default:
                return new(hosts, false, null, null);
        }
    }

    /// <summary>True for <c>localhost</c> and a loopback address (<c>127.0.0.0/8</c>, <c>::1</c>), with or without a port.</summary>
    /// <param name="host">A registry's <c>host[:port]</c> (<c>[::1]:5000</c> for IPv6).</param>
    /// <returns>True when it is this machine's loopback.</returns>
    public static bool IsLoopback(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = HostName(host);
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    // Every registry BuildKit talks to that the options name: the image's, the cache's, --registry, the mirrors and
    // the insecure registries (where base images come from). Unreadable values are validation's to report.
    private static IEnumerable<string> RegistryHosts(BuildxCacheOptions options)
    {
        foreach (var registry in BuildRegistries.For(options, options.EffectiveCacheRepo))
        {
            yield return registry.Host;
        }

        foreach (var value in options.RegistryMirrors)
        {
            if (RegistryMirrorSpec.TryParse(value, out var mirror, out _))
            {
                yield return mirror.MirrorHost;
            }
        }

        foreach (var value in options.InsecureRegistries)
        {
            if (InsecureRegistrySpec.TryParse(value, out var insecure, out _))
            {
                yield return insecure.Host;
            }
        }
    }

    private static string HostName(string host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            return end < 0 ? host : host[1..end];
        }

        // One colon: host:port. More: an IPv6 address without brackets.
        var colon = host.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == host.LastIndexOf(':') ? host[..colon] : host;
    }

    private static bool IsOnThisMachine(string? endpoint)
    {
        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme is "unix" or "docker-container" || (uri.Scheme == "tcp" && IsLoopback(uri.Host));
    }
}
