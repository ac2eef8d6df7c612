namespace Cake.BuildxCache.Options;

/// <summary>
/// Names given that are not options: a misspelt option must not silently fall back to a default (a misspelt
/// <c>--prune-registry</c> would prune the builder instead). A name within a typo's reach of an option is a
/// problem with a "did you mean"; any other unknown argument or <c>[Buildx]</c> key passes with a warning, since
/// a consumer's own tasks may read it. A key of a <c>key=value</c> option takes an item key after a dot
/// (<c>BuildArg.NODE_VERSION</c>); a misspelt one (<c>BuildArgs.NODE_VERSION</c>) gets a "did you mean" too.
/// </summary>
public static class OptionSpelling
{
    /// <summary>The switches of Cake's runner and of our host, which are never ours to judge.</summary>
    private static readonly HashSet<string> HostArguments = new(StringComparer.OrdinalIgnoreCase)
    {
        "target", "t", "working", "w", "verbosity", "v", "dryrun", "noop", "whatif", "tree", "showtree", "description",
        "descriptions", "showdescription", "showdescriptions", "exclusive", "e", "version", "ver", "info", "no-report",
        "noreport", "help", "h", "debug", "d", "bootstrap", "skip-bootstrap", "invalidate-script-cache",
    };

    /// <summary>
    /// Cake's own configuration sections: <c>--settings_skipverification=true</c> overrides cake.config's
    /// <c>[Settings]</c>, and the host hands <c>--no-report</c> over as the argument <c>Settings_NoReport</c>.
    /// </summary>
    private static readonly string[] HostConfigurationSections = ["settings_", "paths_", "nuget_"];

    /// <summary>Checks argument names and the keys under <c>[Buildx]</c> against <paramref name="options"/>.</summary>
    /// <param name="arguments">The argument names given, without <c>--</c>.</param>
    /// <param name="buildxKeys">The keys written under <c>[Buildx]</c> in cake.config (<c>Image</c>, <c>BuildArg.NODE_VERSION</c>).</param>
    /// <param name="options">Every option.</param>
    /// <returns>The problems (misspellings of an option) and the warnings (other unknown names).</returns>
    public static (IReadOnlyList<OptionProblem> Problems, IReadOnlyList<string> Warnings) Check(
        IEnumerable<string> arguments, IEnumerable<string> buildxKeys, IReadOnlyList<OptionDescriptor> options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(buildxKeys);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OptionProblem>();
        var warnings = new List<string>();
        // A former name (OptionDescriptor.Aliases) is known too: the reader takes it, with its own warning.
        var named = options.SelectMany(option => OptionAliases.Names(option).Select(name => (Name: name, Option: option))).ToList();
        var byArgument = named.ToDictionary(entry => entry.Name, entry => entry.Option, StringComparer.OrdinalIgnoreCase);
        var byKey = named.ToDictionary(entry => OptionNames.ConfigFileKey(entry.Name), entry => entry.Option, StringComparer.OrdinalIgnoreCase);

        foreach (var name in arguments.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (byArgument.ContainsKey(name) || HostArguments.Contains(name) || IsHostConfiguration(name))
            {
                continue;
            }

            // Cake's configuration override --buildx_<key>=… names a [Buildx] key.
            var origin = new OptionOrigin(OptionSource.Argument, "--" + name);
            var isKey = name.StartsWith("buildx_", StringComparison.OrdinalIgnoreCase);
            var problem = isKey ? JudgeKey(name, name["buildx_".Length..], origin, byKey, out var unknown) : JudgeArgument(name, origin, byArgument, out unknown);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else if (unknown)
            {
                warnings.Add($"--{name} is not an option of the buildx tasks: left for other tasks to read.");
            }
        }

        var inFile = new OptionOrigin(OptionSource.Configuration, "[Buildx] in cake.config");
        foreach (var key in buildxKeys.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (JudgeKey(key, key, inFile, byKey, out var unknown) is { } problem)
            {
                problems.Add(problem);
            }
            else if (unknown)
            {
                warnings.Add($"{key}= under [Buildx] in cake.config is not an option of the buildx tasks: left for other tasks to read.");
            }
        }

        return (problems, warnings);
    }

    private static bool IsHostConfiguration(string name) =>
        HostConfigurationSections.Any(section => name.StartsWith(section, StringComparison.OrdinalIgnoreCase));

    private static OptionProblem? JudgeArgument(string name, OptionOrigin origin, Dictionary<string, OptionDescriptor> byArgument, out bool unknown)
    {
        var near = Nearest(name, byArgument);
        unknown = near is null;
        return near is null ? null : Unknown(name, origin, near, near.ConfigFileEntry);
    }

    /// <summary>
    /// Judges a <c>[Buildx]</c> key as written (<paramref name="key"/>): an option's key passes, and so does an item
    /// key after a dot on a <c>key=value</c> option (<c>BuildArg.NODE_VERSION</c>; the item is everything after the
    /// first dot). A misspelling is a problem; a key far from every option is <paramref name="unknown"/>.
    /// </summary>
    private static OptionProblem? JudgeKey(string given, string key, OptionOrigin origin, Dictionary<string, OptionDescriptor> byKey, out bool unknown)
    {
        unknown = false;
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var optionKey = dot < 0 ? key : key[..dot];
        var item = dot < 0 ? null : key[(dot + 1)..];
        if (byKey.TryGetValue(optionKey, out var option))
        {
            return item is null || option.HasItemKeys
                ? null
                : new(given, null, origin, $"is not an option: {option.ConfigFileKey} takes no item key after a dot", option.HowToSet);
        }

        if (Nearest(optionKey, byKey) is not { } near)
        {
            unknown = true;
            return null;
        }

        // Keep the item key as written: BuildArgs.NODE_VERSION reads as BuildArg.NODE_VERSION.
        return Unknown(given, origin, near, item is not null && near.HasItemKeys ? near.ConfigFileKey + "." + item : near.ConfigFileEntry);
    }

    private static OptionProblem Unknown(string name, OptionOrigin origin, OptionDescriptor near, string key) =>
        new(name, null, origin, "is not an option", $"did you mean {near.Argument} ({key}= under [Buildx] in cake.config)?");

    /// <summary>The option whose name is within a typo of <paramref name="name"/>: one edit per four letters, a swap counting one.</summary>
    private static OptionDescriptor? Nearest(string name, IReadOnlyDictionary<string, OptionDescriptor> known)
    {
        var reach = Math.Max(1, name.Length / 4);
        return known
            .Select(pair => (pair.Value, Distance: EditDistance(name.ToLowerInvariant(), pair.Key.ToLowerInvariant())))
            .Where(candidate => candidate.Distance <= reach)
            .OrderBy(candidate => candidate.Distance)
            .Select(candidate => candidate.Value)
            .FirstOrDefault();
    }

    /// <summary>Edits (insert, delete, replace, swap of neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
