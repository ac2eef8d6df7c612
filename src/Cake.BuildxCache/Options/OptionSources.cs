namespace Cake.BuildxCache.Options;

/// <summary>
/// The lookups options are read from, so that reading is a pure function of these three functions.
/// <see cref="CakeOptionSources.From"/> builds them from a Cake context; tests build them from dictionaries.
/// </summary>
/// <param name="Arguments">All values of a command-line argument by name (<c>image</c> for <c>--image=…</c>); empty when absent.</param>
/// <param name="Environment">An environment variable by name, or null.</param>
/// <param name="Configuration">A Cake configuration value by key (<c>Buildx_Image</c>), or null.</param>
public sealed record OptionSources(
    Func<string, IReadOnlyList<string>> Arguments,
    Func<string, string?> Environment,
    Func<string, string?> Configuration)
{
    /// <summary>
    /// The Cake configuration keys cake.config sets (<c>Buildx_BuildArg.NODE_VERSION</c>), as written there.
    /// Cake's configuration can look a key up but not list its keys, and a <c>key=value</c> option's items
    /// are keys of their own, so they are found here and their values looked up through <see cref="Configuration"/>.
    /// </summary>
    public IReadOnlyList<string> ConfigurationKeys { get; init; } = [];

    /// <summary>Sources with nothing set.</summary>
    public static OptionSources Empty { get; } = From();

    /// <summary>
    /// Sources over in-memory maps (case-insensitive keys, as Cake's are). Argument values may hold
    /// several values per name, as a repeated <c>--tag=…</c> does. The configuration's keys are its
    /// <see cref="ConfigurationKeys"/>, as if cake.config had set them.
    /// </summary>
    /// <param name="arguments">Arguments by name without dashes.</param>
    /// <param name="environment">Environment variables.</param>
    /// <param name="configuration">Cake configuration by key.</param>
    /// <returns>The sources.</returns>
    public static OptionSources From(
        IEnumerable<KeyValuePair<string, string>>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string>? configuration = null)
    {
        var args = (arguments ?? [])
            .GroupBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)[.. group.Select(pair => pair.Value)], StringComparer.OrdinalIgnoreCase);
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var config = new Dictionary<string, string>(configuration ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        return new OptionSources(
            name => args.TryGetValue(name, out var values) ? values : [],
            name => env.TryGetValue(name, out var value) ? value : null,
            key => config.TryGetValue(key, out var value) ? value : null)
        {
            ConfigurationKeys = [.. config.Keys],
        };
    }
}
