namespace Cake.BuildxCache.Options;

/// <summary>
/// The sources of one read of the options: finds each option's raw values by precedence, records where
/// each came from, and collects the values that cannot be read as problems instead of throwing.
/// </summary>
internal sealed class OptionReading(OptionSources sources)
{
    private static readonly char[] ListSeparators = [',', ';', '\r', '\n'];
    private static readonly char[] PairSeparators = [';', '\r', '\n'];

    public Dictionary<string, OptionOrigin> Origins { get; } = new(StringComparer.Ordinal);

    public List<OptionProblem> Problems { get; } = [];

    /// <summary>What is worth saying but not wrong: an option given by a former name.</summary>
    public List<string> Warnings { get; } = [];

    public string? Text(OptionDescriptor option)
    {
        var raw = Find(option);
        if (raw is null)
        {
            return null;
        }

        var value = raw.Value.Values[^1].Trim();
        return value.Length == 0 ? null : value;
    }

    public Secret? Secret(OptionDescriptor option)
    {
        var raw = Find(option);
        if (raw is { Origin.Source: OptionSource.Argument } argument)
        {
            // A secret in argv is visible to every process list and in CI job logs: refuse it.
            Problems.Add(OptionProblem.For(option, null, argument.Origin, "was given on the command line, where process lists and CI job logs show it"));
            return null;
        }

        // Cake's configuration is cake.config (committed with the repository) or an argument
        // --buildx_<key>=… (argv again): a secret is refused there too, whichever source would win.
        if (OptionAliases.Names(option).Any(name => !string.IsNullOrEmpty(sources.Configuration(OptionNames.ConfigurationKey(name)))))
        {
            Problems.Add(OptionProblem.For(
                option,
                null,
                new OptionOrigin(OptionSource.Configuration, option.ConfigurationKey),
                $"was given in the Cake configuration ({option.ConfigFileKey}= under [Buildx] in cake.config, which is committed with the repository, or --{option.ConfigurationKey.ToLowerInvariant()}=, which process lists show)"));
            return null;
        }

        return raw is null || raw.Value.Values[^1].Length == 0 ? null : new Secret(raw.Value.Values[^1]);
    }

    public bool? Bool(OptionDescriptor option)
    {
        var raw = Find(option);
        if (raw is null)
        {
            return null;
        }

        var text = raw.Value.Values[^1];
        if (text.Trim().Length == 0 && raw.Value.Origin.Source == OptionSource.Argument)
        {
            return true; // a bare --flag
        }

        if (BuildxCacheOptionsReader.TryParseBool(text, out var value))
        {
            return value;
        }

        Problems.Add(OptionProblem.For(option, text, raw.Value.Origin, "is not a boolean (use true or false)"));
        return null;
    }

    public int? Percent(OptionDescriptor option)
    {
        var text = Text(option);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text.TrimEnd('%'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent <= 100)
        {
            return percent;
        }

        Problems.Add(OptionProblem.For(option, text, OriginOf(option), "must be a whole percentage from 0 to 100"));
        return null;
    }

    public T Choice<T>(OptionDescriptor option, T fallback)
        where T : struct, Enum => Choice<T>(option) ?? fallback;

    public T? Choice<T>(OptionDescriptor option)
        where T : struct, Enum
    {
        var text = Text(option);
        if (text is null)
        {
            return null;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var allowed = string.Join(", ", Enum.GetNames<T>().Select(name => name.ToLowerInvariant()));
        Problems.Add(OptionProblem.For(option, text, OriginOf(option), $"must be one of {allowed}"));
        return null;
    }

    /// <summary>
    /// Values separated by <c>,</c>, <c>;</c> or newlines. A space is no separator, and no list option's value holds one:
    /// <c>--tag='a b'</c> is a problem, not two tags.
    /// </summary>
    public IReadOnlyList<string> List(OptionDescriptor option)
    {
        var raw = Find(option);
        if (raw is null)
        {
            return [];
        }

        var items = raw.Value.Values.SelectMany(value => value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var spaced in items.Where(item => item.Any(char.IsWhiteSpace)))
        {
            Problems.Add(OptionProblem.For(option, spaced, raw.Value.Origin, "holds whitespace, which no value of it can: separate values with ',' or ';' (a space separates nothing)"));
        }

        return [.. items.Where(item => !item.Any(char.IsWhiteSpace))];
    }

    /// <summary>
    /// Items that hold commas of their own (<c>id=npm,env=NPM_TOKEN</c>): each argument is one item, as given; an
    /// environment variable or configuration value holds several, separated by <c>;</c> or newlines.
    /// </summary>
    public IReadOnlyList<string> Items(OptionDescriptor option)
    {
        var raw = Find(option);
        if (raw is null)
        {
            return [];
        }

        return raw.Value.Origin.Source == OptionSource.Argument
            ? [.. raw.Value.Values.Select(value => value.Trim()).Where(value => value.Length > 0)]
            : [.. raw.Value.Values.SelectMany(value => value.Split(PairSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <summary>
    /// <c>key=value</c> items: each argument is one, an environment variable or configuration value holds several,
    /// separated by <c>;</c> or newlines, and cake.config may give each its own key (<see cref="ConfigurationItems"/>).
    /// With <paramref name="asBuildxCsv"/> an item is read as buildx reads a <c>--driver-opt</c> value
    /// (<see cref="Docker.BuildxCsv"/>): several fields separated by <c>,</c>, a field with a comma quoted whole.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(OptionDescriptor option, bool asBuildxCsv = false)
    {
        var raw = Find(option);
        if (raw is null)
        {
            return [];
        }

        var origin = raw.Value.Origin;
        var items = origin.Source == OptionSource.Argument
            ? raw.Value.Values.Where(value => value.Trim().Length > 0)
            : raw.Value.Values.SelectMany(value => value.Split(PairSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var pairs = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string key, string value, string item, OptionOrigin from)
        {
            if (seen.Add(key))
            {
                pairs.Add(new(key, value));
            }
            else
            {
                Problems.Add(OptionProblem.For(option, item, from, $"gives '{key}' more than once"));
            }
        }

        foreach (var item in asBuildxCsv ? items.SelectMany(item => CsvFields(option, item, origin)) : items)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? string.Empty : item[..equals].Trim();
            if (key.Length == 0)
            {
                Problems.Add(OptionProblem.For(option, item, origin, "is not key=value"));
            }
            else
            {
                Add(key, item[(equals + 1)..], item, origin);
            }
        }

        if (origin.Source == OptionSource.Configuration)
        {
            foreach (var (configurationKey, key, value) in ConfigurationItems(option))
            {
                var from = new OptionOrigin(OptionSource.Configuration, configurationKey);
                if (key.Length == 0)
                {
                    Problems.Add(OptionProblem.For(option, value, from, $"has no item key after '{option.ConfigFileKey}.'"));
                }
                else
                {
                    Add(key, value, key + "=" + value, from);
                }
            }
        }

        return pairs;
    }

    private IEnumerable<string> CsvFields(OptionDescriptor option, string item, OptionOrigin origin)
    {
        if (Docker.BuildxCsv.TrySplit(item, out var fields, out var problem))
        {
            return fields;
        }

        Problems.Add(OptionProblem.For(option, item, origin, problem + " (buildx reads each value as CSV)"));
        return [];
    }

    /// <summary>
    /// The items cake.config gives a <c>key=value</c> option one key each (<c>Buildx_BuildArg.NODE_VERSION</c>):
    /// the item's key is everything after the first dot, as written in the file (Cake's own lookup ignores case);
    /// the value is Cake's, so both hosts expand it alike.
    /// </summary>
    private IEnumerable<(string ConfigurationKey, string Key, string Value)> ConfigurationItems(OptionDescriptor option)
    {
        if (!option.HasItemKeys)
        {
            yield break;
        }

        var prefix = option.ConfigurationKey + ".";
        foreach (var key in sources.ConfigurationKeys.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && sources.Configuration(key) is { } value)
            {
                yield return (key, key[prefix.Length..], value.Trim());
            }
        }
    }

    private OptionOrigin? OriginOf(OptionDescriptor option) => Origins.GetValueOrDefault(option.Name);

    private (IReadOnlyList<string> Values, OptionOrigin Origin)? Find(OptionDescriptor option)
    {
        var found = Lookup(option);
        if (found is not null)
        {
            Origins[option.Name] = found.Value.Origin;
            Warnings.AddRange(OptionAliases.Warnings(option, found.Value.Origin, sources).Where(warning => !Warnings.Contains(warning)));
        }

        return found;
    }

    private (IReadOnlyList<string> Values, OptionOrigin Origin)? Lookup(OptionDescriptor option)
    {
        // In each source the current name, then the former ones (OptionDescriptor.Aliases): which name is used
        // never changes which source wins.
        var names = OptionAliases.Names(option);
        foreach (var name in names)
        {
            var arguments = sources.Arguments(name);
            if (arguments.Count > 0)
            {
                return (arguments, new OptionOrigin(OptionSource.Argument, OptionNames.Argument(name)));
            }
        }

        foreach (var variable in names.Select(OptionNames.EnvironmentVariable))
        {
            if (NonEmpty(sources.Environment(variable)) is { } env)
            {
                return ([env], new OptionOrigin(OptionSource.Environment, variable));
            }
        }

        // A key=value option's configuration is its own key (CAKE_BUILDX_BUILDARG=A=1;B=2) and its items' keys
        // (BuildArg.A=1 in cake.config), together: they are one source, ranked as one.
        var config = NonEmpty(sources.Configuration(option.ConfigurationKey));
        var itemKeys = ConfigurationItems(option).Select(item => item.ConfigurationKey).ToList();
        if (config is not null || itemKeys.Count > 0)
        {
            var keys = config is null ? itemKeys : [option.ConfigurationKey, .. itemKeys];
            return (config is null ? [] : [config], new OptionOrigin(OptionSource.Configuration, string.Join(", ", keys)));
        }

        // A former name's key (OptionDescriptor.Aliases), after the current one's.
        foreach (var key in option.Aliases.Select(OptionNames.ConfigurationKey))
        {
            if (NonEmpty(sources.Configuration(key)) is { } former)
            {
                return ([former], new OptionOrigin(OptionSource.Configuration, key));
            }
        }

        if (option.CiVariable is not null && NonEmpty(sources.Environment(option.CiVariable)) is { } ci)
        {
            return ([ci], new OptionOrigin(OptionSource.CiDefault, option.CiVariable));
        }

        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
