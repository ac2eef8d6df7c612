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
        foreach (var text in OptionCatalog.Secret.ValueIn(options))
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
        foreach (var text in OptionCatalog.Ssh.ValueIn(options))
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

        foreach (var (name, value) in OptionCatalog.BuildContext.ValueIn(options))
        {
            if (name.Any(char.IsWhiteSpace) || value.Trim().Length == 0)
            {
                yield return Problem(options, OptionCatalog.BuildContext, name + "=" + value, "is not name=path, name=docker-image://image or name=https://… (no whitespace in the name, a value after '=')");
            }
        }
    }

    private static OptionProblem Problem(BuildxCacheOptions options, OptionDescriptor option, string? value, string problem) =>
        OptionProblem.For(option, value, value is null ? null : options.OriginOf(option), problem);
}
