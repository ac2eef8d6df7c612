namespace Cake.BuildxCache.Options;

/// <summary>
/// The checks of the build's pass-through options (<c>secret</c>, <c>ssh</c>, <c>build-context</c>, …), part of
/// <see cref="BuildxCacheOptionsValidator"/>. Pure: whether a secret's variable is set or its file exists is
/// <c>Flow/BuildFeatureSources</c>'s to check.
/// </summary>
internal static class BuildFeatureChecks
{
    /// <summary>The problems of these options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in options.Secrets)
        {
            if (!BuildSecretSpec.TryParse(text, out var secret, out var problem))
            {
                yield return Problem(options, OptionCatalog.Secret, text, problem);
            }
            else if (!ids.Add(secret.Id))
            {
                yield return Problem(options, OptionCatalog.Secret, text, $"gives the id '{secret.Id}' a second time (buildx would keep only the last): one source per id");
            }
        }

        var sshIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in options.Ssh)
        {
            if (!SshSpec.TryParse(text, out var ssh, out var problem))
            {
                yield return Problem(options, OptionCatalog.Ssh, text, problem);
            }
            else if (!sshIds.Add(ssh.Id))
            {
                yield return Problem(options, OptionCatalog.Ssh, text, $"gives the id '{ssh.Id}' a second time: one agent or key set per id");
            }
        }

        foreach (var (name, value) in options.BuildContexts)
        {
            if (name.Any(char.IsWhiteSpace) || value.Trim().Length == 0)
            {
                yield return Problem(options, OptionCatalog.BuildContext, name + "=" + value, "is not name=path, name=docker-image://image or name=https://… (no whitespace in the name, a value after '=')");
            }
        }
    }

    /// <summary>The problems of the attestation, cache and RUN-step options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> CheckBuildFlags(BuildxCacheOptions options)
    {
        foreach (var (key, value) in options.Annotations)
        {
            if (BuildFlagFormats.CheckAnnotationKey(key) is { } problem)
            {
                yield return Problem(options, OptionCatalog.Annotation, key + "=" + value, problem);
            }
        }

        foreach (var option in new[] { OptionCatalog.Provenance, OptionCatalog.Sbom })
        {
            if (option.ValueIn(options) is { } value && BuildFlagFormats.CheckAttestation(option.Name, value) is { } problem)
            {
                yield return Problem(options, option, value, problem);
            }
        }

        if (options.NoCache && options.NoCacheFilters.Count > 0)
        {
            // buildx: "--no-cache and --no-cache-filter cannot currently be used together".
            yield return Problem(options, OptionCatalog.NoCacheFilter, string.Join(',', options.NoCacheFilters), "and no-cache together are refused by buildx: no-cache already rebuilds every stage; drop one");
        }

        foreach (var stage in options.NoCacheFilters.Where(stage => !OptionFormats.IsStageName(stage)))
        {
            yield return Problem(options, OptionCatalog.NoCacheFilter, stage, "is not a stage name (a letter, then letters, digits, '.', '_' or '-')");
        }

        if (options.Network is { } network && network is not ("default" or "none" or "host"))
        {
            yield return Problem(options, OptionCatalog.Network, network, "must be default, none or host");
        }

        foreach (var host in options.AddHosts)
        {
            if (BuildFlagFormats.CheckAddHost(host) is { } problem)
            {
                yield return Problem(options, OptionCatalog.AddHost, host, problem);
            }
        }

        foreach (var (name, limit) in options.Ulimits)
        {
            if (BuildFlagFormats.CheckUlimit(name, limit) is { } problem)
            {
                yield return Problem(options, OptionCatalog.Ulimit, name + "=" + limit, problem);
            }
        }

        if (options.ShmSize is { } shm && BuildFlagFormats.CheckShmSize(shm) is { } sizeProblem)
        {
            yield return Problem(options, OptionCatalog.ShmSize, shm, sizeProblem);
        }
    }

    private static OptionProblem Problem(BuildxCacheOptions options, OptionDescriptor option, string? value, string problem) =>
        OptionProblem.For(option, value, value is null ? null : options.OriginOf(option), problem);
}
