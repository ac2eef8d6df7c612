namespace Cake.BuildxCache.Options;

/// <summary>
/// The checks of the builder's connection and buildkitd options (<c>builder-endpoint</c>, <c>registry-mirror</c>,
/// <c>insecure-registry</c>, a remote builder's driver options), part of <see cref="BuildxCacheOptionsValidator"/>.
/// </summary>
internal static class BuilderOptionsChecks
{
    /// <summary>The problems of these options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options)
    {
        var endpoint = options.BuilderEndpoint;
        var isRemote = options.BuilderDriver == RemoteDriver.Name;
        if (isRemote && endpoint is null && options.BuilderNodes.Count == 0)
        {
            yield return Problem(options, OptionCatalog.BuilderEndpoint, null, "is needed by builder-driver=remote: the address of the BuildKit daemon to build on (tcp://host:port or unix:///path)");
        }
        else if (endpoint is not null && !isRemote)
        {
            yield return Problem(options, OptionCatalog.BuilderEndpoint, endpoint, $"is only for builder-driver=remote (the driver is {options.BuilderDriver}): add --builder-driver=remote, or drop the endpoint");
        }
        else if (endpoint is not null && RemoteDriver.CheckEndpoint(endpoint) is { } endpointProblem)
        {
            yield return Problem(options, OptionCatalog.BuilderEndpoint, endpoint, endpointProblem);
        }

        if (isRemote)
        {
            foreach (var (option, problem) in RemoteDriver.CheckDriverOptions(options.DriverOpts))
            {
                // The catalog's example (network=host) is a docker-container option: show the remote driver's TLS set.
                var given = !option.EndsWith('=');
                var known = RemoteDriver.DriverOptionKeys.Contains(option.Split('=')[0]);
                yield return OptionProblem.For(OptionCatalog.DriverOpt, given ? option : null, given ? options.OriginOf(OptionCatalog.DriverOpt) : null, given ? problem : option + "<path> " + problem) with
                {
                    HowToSet = known
                        ? "give the remote driver's TLS files as absolute paths: --driver-opt=cacert=/certs/ca.pem --driver-opt=cert=/certs/cert.pem --driver-opt=key=/certs/key.pem (or BUILDX_DRIVER_OPT=cacert=…;cert=…;key=…)"
                        : "drop it: a remote builder's daemon runs elsewhere, with settings of its own",
                };
            }

            if (options.BuildkitdConfig is { } config)
            {
                yield return Problem(options, OptionCatalog.BuildkitdConfig, config, "cannot be given to a remote builder (buildx: \"setting config file is not supported for remote driver\"): the daemon reads its own; start buildkitd with --config, or drop this option");
            }
        }

        if (options.BuilderDriver == KubernetesDriver.Name)
        {
            foreach (var (option, problem) in KubernetesDriver.CheckDriverOptions(options.DriverOpts))
            {
                yield return Problem(options, OptionCatalog.DriverOpt, option, problem) with
                {
                    HowToSet = "give the kubernetes driver's options as buildx 0.36.1 takes them, e.g. --driver-opt=namespace=buildkit --driver-opt=replicas=2 --driver-opt=nodeselector=kubernetes.io/arch=arm64",
                };
            }
        }

        foreach (var problem in BuilderNodeChecks.Check(options))
        {
            yield return problem;
        }

        var mirrors = options.RegistryMirrors;
        foreach (var mirror in mirrors)
        {
            if (!RegistryMirrorSpec.TryParse(mirror, out _, out var problem))
            {
                yield return Problem(options, OptionCatalog.RegistryMirror, mirror, problem);
            }
        }

        if (mirrors.Count > 0 && options.BuildkitdConfig is not null && !isRemote)
        {
            yield return Problem(options, OptionCatalog.RegistryMirror, string.Join(',', mirrors), $"would not reach the builder: buildkitd-config ({options.OriginOf(OptionCatalog.BuildkitdConfig)}) is used as it is; put the mirror in that file ([registry.\"docker.io\"] mirrors = [\"mirror.example.com\"]) or drop buildkitd-config to have one generated");
        }

        // The image reference buildx create takes (--driver-opt image=…): a repository with a tag or a digest.
        var buildkit = options.BuildkitImage;
        var buildkitName = Docker.ImageName.Parse(buildkit);
        var buildkitProblem = (buildkitName with { Tag = null, Digest = null }).Problems().FirstOrDefault()
            ?? (buildkitName.Tag is { } tag && !Docker.DockerNames.IsValidTag(tag) ? $"has the tag '{tag}', which is not a valid tag" : null);
        if (buildkitProblem is not null)
        {
            yield return Problem(options, OptionCatalog.BuildkitImage, buildkit, buildkitProblem + " (an image reference: repository[:tag][@digest])");
        }

        var insecure = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in options.InsecureRegistries)
        {
            if (!InsecureRegistrySpec.TryParse(text, out var spec, out var problem))
            {
                yield return Problem(options, OptionCatalog.InsecureRegistry, text, problem);
            }
            else if (insecure.TryGetValue(spec.Host, out var earlier) && earlier != text)
            {
                yield return Problem(options, OptionCatalog.InsecureRegistry, text, $"names {spec.Host} again, as '{earlier}' too: a registry is either plain HTTP (host:port) or HTTPS without certificate checks (https://host:port)");
            }
            else
            {
                insecure[spec.Host] = text;
            }
        }
    }

    private static OptionProblem Problem(BuildxCacheOptions options, OptionDescriptor option, string? value, string problem) =>
        OptionProblem.For(option, value, value is null ? null : options.OriginOf(option), problem);
}
