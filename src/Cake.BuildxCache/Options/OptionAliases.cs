namespace Cake.BuildxCache.Options;

/// <summary>
/// What the reader says when an option was given by a former name (<see cref="OptionDescriptor.Aliases"/>): that the
/// name is deprecated and what to write instead, or, when the current name is given too, that the former is ignored.
/// </summary>
internal static class OptionAliases
{
    /// <summary>The option's names, the current one first.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> Names(OptionDescriptor option) => [option.Name, .. option.Aliases];

    /// <summary>The warnings for an option that was read from <paramref name="winner"/>.</summary>
    /// <param name="option">The option.</param>
    /// <param name="winner">Where its value came from.</param>
    /// <param name="sources">The sources, to find a former name given besides the current one.</param>
    /// <returns>The warnings; none for an option without aliases.</returns>
    public static IEnumerable<string> Warnings(OptionDescriptor option, OptionOrigin winner, OptionSources sources)
    {
        foreach (var alias in option.Aliases)
        {
            foreach (var source in new[] { OptionSource.Argument, OptionSource.Environment, OptionSource.Configuration })
            {
                var key = Key(alias, source);
                if (string.Equals(winner.Key, key, StringComparison.OrdinalIgnoreCase) && winner.Source == source)
                {
                    yield return $"{Written(alias, source)} is deprecated: read as {option.Name}; write {Written(option.Name, source)} instead.";
                }
                else if (IsSet(sources, key, source))
                {
                    yield return $"{Written(alias, source)} is ignored: {option.Name} is set ({winner}); drop the deprecated name.";
                }
            }
        }
    }

    private static string Key(string name, OptionSource source) => source switch
    {
        OptionSource.Argument => OptionNames.Argument(name),
        OptionSource.Environment => OptionNames.EnvironmentVariable(name),
        _ => OptionNames.ConfigurationKey(name),
    };

    // How a person wrote it: the key under [Buildx] rather than Cake's Buildx_ key.
    private static string Written(string name, OptionSource source) => source == OptionSource.Configuration
        ? $"{OptionNames.ConfigFileKey(name)}= under [Buildx] in cake.config ({OptionNames.ConfigurationKey(name)})"
        : Key(name, source);

    private static bool IsSet(OptionSources sources, string key, OptionSource source) => source switch
    {
        OptionSource.Argument => sources.Arguments(key[2..]).Count > 0,
        OptionSource.Environment => !string.IsNullOrWhiteSpace(sources.Environment(key)),
        _ => !string.IsNullOrWhiteSpace(sources.Configuration(key)),
    };
}
