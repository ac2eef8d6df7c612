namespace Cake.BuildxCache.Options;

/// <summary>
/// The checks of <c>builder-node</c>, part of <see cref="BuilderOptionsChecks"/>: each node readable, an endpoint for a
/// remote node and none for a kubernetes one, the node's driver options valid for the driver (with the builder's
/// <c>--driver-opt</c>s they join), its platforms valid and on one node only, and distinct endpoints (buildx refuses two
/// nodes on one).
/// </summary>
internal static class BuilderNodeChecks
{
    /// <summary>The problems of <c>builder-node</c>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options)
    {
        var nodes = options.BuilderNodes;
        if (nodes.Count == 0)
        {
            yield break;
        }

        var option = OptionCatalog.BuilderNode;
        var origin = options.OriginOf(option);
        OptionProblem Problem(string value, string problem) => OptionProblem.For(option, value, origin, problem);
        var driver = options.BuilderDriver;
        if (driver != RemoteDriver.Name && driver != KubernetesDriver.Name)
        {
            yield return Problem(nodes[0], $"needs builder-driver=remote (BuildKit daemons at endpoints) or kubernetes (one deployment per node); the driver is {driver}: add --builder-driver=remote");
            yield break;
        }

        if (options.BuilderEndpoint is { } endpoint)
        {
            yield return OptionProblem.For(OptionCatalog.BuilderEndpoint, endpoint, options.OriginOf(OptionCatalog.BuilderEndpoint), "cannot be given with builder-node: the nodes name their endpoints; make it a --builder-node (tcp://…,platform=os/arch) or drop builder-node");
        }

        var platformOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var endpoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in nodes)
        {
            if (!BuilderNodeSpec.TryParse(text, out var node, out var parseProblem))
            {
                yield return Problem(text, parseProblem + "; write endpoint,platform=os/arch[,platform=…][,key=value…], e.g. tcp://buildkitd:1234,platform=linux/arm64");
                continue;
            }

            foreach (var problem in CheckNode(options, node))
            {
                yield return Problem(text, problem);
            }

            if (nodes.Count > 1 && node.Platforms.Count == 0)
            {
                yield return Problem(text, "names no platform: with several nodes each says which platforms BuildKit sends to it (platform=os/arch, several allowed)");
            }

            foreach (var platform in node.Platforms)
            {
                if (OptionFormats.CheckPlatform(platform) is { } platformProblem)
                {
                    yield return Problem(text, $"platform {platform} {platformProblem}");
                }
                else if (!platformOwners.TryAdd(platform, text))
                {
                    yield return Problem(text, $"names platform {platform}, as the node '{platformOwners[platform]}' does: give each platform to one node");
                }
            }

            if (node.Endpoint is { } address && !endpoints.Add(address))
            {
                yield return Problem(text, $"uses the endpoint {address} of another node: buildx refuses two nodes on one daemon");
            }
        }
    }

    private static IEnumerable<string> CheckNode(BuildxCacheOptions options, BuilderNodeSpec node)
    {
        if (options.BuilderDriver == KubernetesDriver.Name)
        {
            if (node.Endpoint is { } endpoint)
            {
                yield return $"names the endpoint {endpoint}, which the kubernetes driver does not take (buildx: \"kubernetes driver does not support endpoint args\"): drop it; a node is a deployment, steered by nodeselector=";
            }

            foreach (var (given, problem) in KubernetesDriver.CheckDriverOptions(node.DriverOptions))
            {
                yield return $"{given} {problem}";
            }

            yield break;
        }

        if (node.Endpoint is null)
        {
            yield return "names no endpoint: start it with the BuildKit daemon's address (tcp://host:port or unix:///path)";
        }
        else if (RemoteDriver.CheckEndpoint(node.Endpoint) is { } endpointProblem)
        {
            yield return $"endpoint {node.Endpoint} {endpointProblem}";
        }

        // The node's TLS files join the builder's --driver-opt ones, and win: the pair rules hold for what the node gets.
        var merged = options.DriverOpts.Where(pair => !node.DriverOptions.Any(own => own.Key == pair.Key)).Concat(node.DriverOptions).ToList();
        foreach (var (given, problem) in RemoteDriver.CheckDriverOptions(merged))
        {
            yield return $"{given} {problem}";
        }
    }
}
