using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>Which builder to reuse or create, on which docker context or remote daemon, with which buildkitd.toml.</summary>
internal static class BuilderPolicy
{
    /// <summary>Plans the builder.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="dockerHost">The docker endpoint of this run.</param>
    /// <returns>The builder plan.</returns>
    public static BuilderPlan Plan(BuildxCacheOptions options, DockerHostInfo dockerHost)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dockerHost);

        // A remote builder talks to its daemon, not to the docker engine: no context for it.
        var remote = options.BuilderDriver == RemoteDriver.Name;

        // buildx refuses to create a builder from TLS settings in the environment ("could not create a
        // builder instance with TLS data loaded from environment"): it needs a docker context holding them.
        var context = dockerHost.UsesTls && !remote ? options.Builder + "-context" : null;
        var endpoint = context is not null
            ? new DockerEndpoint(dockerHost.Host!)
            {
                Ca = dockerHost.CertPath + "/ca.pem",
                Cert = dockerHost.CertPath + "/cert.pem",
                Key = dockerHost.CertPath + "/key.pem",
            }
            : null;

        // The image only the container drivers run; a --driver-opt image=… given by hand wins.
        var runsBuildkit = options.BuilderDriver is "docker-container" or "kubernetes";
        IReadOnlyList<KeyValuePair<string, string>> driverOptions = runsBuildkit && !options.DriverOpts.Any(pair => pair.Key == "image")
            ? [new("image", options.BuildkitImage), .. options.DriverOpts]
            : options.DriverOpts;

        // BuildKit talks to the registries from its own network: a loopback registry needs the host's (see the policy).
        var loopback = LoopbackRegistryPolicy.Decide(options, driverOptions);
        if (loopback.AddsHostNetwork)
        {
            driverOptions = [.. driverOptions, new(LoopbackRegistryPolicy.NetworkDriverOption, "host")];
        }

        // buildx refuses a config file for remote and docker (their daemon reads its own), so the generated one goes
        // only to the drivers that start BuildKit. Its hash rides on the builder as a driver option: `buildx inspect`
        // prints those on every buildx and even when the node is down, while the config itself it prints only since
        // 0.18, re-encoded, and only for a running node.
        var generated = BuildkitdConfigPolicy.Generate(options);
        var config = options.BuildkitdConfig;
        if (generated is not null && runsBuildkit)
        {
            config = generated.Path;
            driverOptions = [.. driverOptions, new(BuildkitdConfigPolicy.HashDriverOption, generated.Hash)];
        }

        return new BuilderPlan(options.Builder, options.BuilderDriver, driverOptions, config, context, endpoint)
        {
            Nodes = Nodes(options, driverOptions, remote),
            HasNamedNodes = options.BuilderNodes.Count > 0,
            GeneratedConfig = generated,
            LoopbackRegistry = loopback,
        };
    }

    // One node unless --builder-node names several; buildx names a node after its builder and its position.
    private static IReadOnlyList<BuilderNodePlan> Nodes(BuildxCacheOptions options, IReadOnlyList<KeyValuePair<string, string>> driverOptions, bool remote)
    {
        if (options.BuilderNodes.Count == 0)
        {
            return [new BuilderNodePlan(options.Builder + "0", remote ? options.BuilderEndpoint : null, [], driverOptions)];
        }

        var nodes = new List<BuilderNodePlan>();
        foreach (var text in options.BuilderNodes)
        {
            if (BuilderNodeSpec.TryParse(text, out var spec, out _))
            {
                IReadOnlyList<KeyValuePair<string, string>> merged = [.. driverOptions.Where(pair => !spec.DriverOptions.Any(own => own.Key == pair.Key)), .. spec.DriverOptions];
                nodes.Add(new BuilderNodePlan(options.Builder + nodes.Count, spec.Endpoint, spec.Platforms, merged));
            }
        }

        return nodes;
    }
}
