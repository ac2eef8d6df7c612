namespace Cake.BuildxCache.Options;

/// <summary>
/// Reads <see cref="BuildxCacheOptions"/> from <see cref="OptionSources"/>: a pure function. Each option
/// takes the first source that sets it: the argument (<c>--image=…</c>; the last one when repeated), the
/// environment (<c>BUILDX_IMAGE</c>), the Cake configuration (<c>Buildx_Image</c>), then the CI default
/// (<c>CI_REGISTRY_IMAGE</c>). Empty environment and configuration values count as unset; an empty
/// argument (<c>--target=</c>) clears the option to its default, and a bare flag (<c>--push</c>) means true.
/// A list option takes all its values from that one source: repeated arguments, each value split at
/// commas for <c>platform</c> and <c>tag</c>; <c>key=value</c> lists from the environment or configuration
/// are separated by newlines or <c>;</c>. Reading never throws: values that cannot be read become
/// <see cref="BuildxCacheOptions.ReadProblems"/>.
/// </summary>
public static class BuildxCacheOptionsReader
{
    /// <summary>Reads every option.</summary>
    /// <param name="sources">The lookups.</param>
    /// <returns>The options, with their origins and any read problems.</returns>
    public static BuildxCacheOptions Read(OptionSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var r = new Reading(sources);
        var options = new BuildxCacheOptions
        {
            Image = r.Text(OptionCatalog.Image),
            CacheRepo = r.Text(OptionCatalog.CacheRepo),
            CacheTagPrefix = r.Text(OptionCatalog.CacheTagPrefix) ?? string.Empty,
            Dockerfile = r.Text(OptionCatalog.Dockerfile) ?? "Dockerfile",
            Context = r.Text(OptionCatalog.Context) ?? ".",
            Stage = r.Text(OptionCatalog.Stage),
            Platforms = r.List(OptionCatalog.Platform),
            Builder = r.Text(OptionCatalog.Builder) ?? BuildxCacheOptions.DefaultBuilder,
            BuilderDriver = r.Text(OptionCatalog.BuilderDriver) ?? BuildxCacheOptions.DefaultBuilderDriver,
            DriverOpts = r.Pairs(OptionCatalog.DriverOpt),
            BuildkitdConfig = r.Text(OptionCatalog.BuildkitdConfig),
            CacheMode = r.Choice(OptionCatalog.CacheMode, CacheMode.Max),
            CacheReadOnly = r.Bool(OptionCatalog.CacheReadOnly),
            CacheIgnoreError = r.Bool(OptionCatalog.CacheIgnoreError) ?? true,
            CacheImageManifest = r.Bool(OptionCatalog.CacheImageManifest),
            CacheOciMediaTypes = r.Bool(OptionCatalog.CacheOciMediaTypes),
            CacheCompression = r.Choice<CacheCompression>(OptionCatalog.CacheCompression),
            Push = r.Bool(OptionCatalog.Push),
            Load = r.Bool(OptionCatalog.Load),
            TagBranch = r.Bool(OptionCatalog.TagBranch) ?? true,
            TagSha = r.Bool(OptionCatalog.TagSha) ?? true,
            TagLatest = r.Bool(OptionCatalog.TagLatest) ?? true,
            TagGitTag = r.Bool(OptionCatalog.TagGitTag) ?? true,
            ExtraTags = r.List(OptionCatalog.Tag),
            Labels = r.Pairs(OptionCatalog.Label),
            BuildArgs = r.Pairs(OptionCatalog.BuildArg),
            Title = r.Text(OptionCatalog.Title),
            Registry = r.Text(OptionCatalog.Registry),
            RegistryUser = r.Text(OptionCatalog.RegistryUser),
            RegistryPassword = r.Secret(OptionCatalog.RegistryPassword),
            CacheRegistryUser = r.Text(OptionCatalog.CacheRegistryUser),
            CacheRegistryPassword = r.Secret(OptionCatalog.CacheRegistryPassword),
            Branch = r.Text(OptionCatalog.Branch),
            Sha = r.Text(OptionCatalog.Sha),
            DefaultBranch = r.Text(OptionCatalog.DefaultBranch),
            Progress = r.Text(OptionCatalog.Progress),
            MetadataFile = r.Text(OptionCatalog.MetadataFile),
            CheckCacheRefs = r.Bool(OptionCatalog.CheckCacheRefs) ?? true,
            RequireCacheHit = r.Percent(OptionCatalog.RequireCacheHit),
            RegistryFlavor = r.Choice(OptionCatalog.RegistryFlavor, Policy.RegistryFlavor.Generic),
            PruneUntil = r.Text(OptionCatalog.PruneUntil),
            PruneKeepStorage = r.Text(OptionCatalog.PruneKeepStorage),
            PruneRemoveBuilder = r.Bool(OptionCatalog.PruneRemoveBuilder) ?? false,
            Logout = r.Bool(OptionCatalog.Logout) ?? false,
            PruneRegistry = r.Bool(OptionCatalog.PruneRegistry) ?? false,
            CacheMaxAge = r.Text(OptionCatalog.CacheMaxAge),
            Confirm = r.Bool(OptionCatalog.Confirm) ?? false,
            LiveBranches = r.List(OptionCatalog.LiveBranches),
        };
        return options with { Origins = r.Origins, ReadProblems = r.Problems };
    }

    /// <summary>Parses a boolean the way people write one: true/false, yes/no, on/off, 1/0 (any case).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value when the text is one.</param>
    /// <returns>True when <paramref name="text"/> is a boolean.</returns>
    public static bool TryParseBool(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1":
                value = true;
                return true;
            case "false" or "no" or "off" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private sealed class Reading(OptionSources sources)
    {
        private static readonly char[] ListSeparators = [',', ';', ' ', '\t', '\r', '\n'];
        private static readonly char[] PairSeparators = [';', '\r', '\n'];

        public Dictionary<string, OptionOrigin> Origins { get; } = new(StringComparer.Ordinal);

        public List<OptionProblem> Problems { get; } = [];

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
            if (!string.IsNullOrEmpty(sources.Configuration(option.ConfigurationKey)))
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

            if (TryParseBool(text, out var value))
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

        public IReadOnlyList<string> List(OptionDescriptor option)
        {
            var raw = Find(option);
            return raw is null
                ? []
                : [.. raw.Value.Values.SelectMany(value => value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        }

        public IReadOnlyList<KeyValuePair<string, string>> Pairs(OptionDescriptor option)
        {
            var raw = Find(option);
            if (raw is null)
            {
                return [];
            }

            var items = raw.Value.Origin.Source == OptionSource.Argument
                ? raw.Value.Values.Where(value => value.Trim().Length > 0)
                : raw.Value.Values.SelectMany(value => value.Split(PairSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var pairs = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var equals = item.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? string.Empty : item[..equals].Trim();
                if (key.Length == 0)
                {
                    Problems.Add(OptionProblem.For(option, item, raw.Value.Origin, "is not key=value"));
                }
                else if (!seen.Add(key))
                {
                    Problems.Add(OptionProblem.For(option, item, raw.Value.Origin, $"gives '{key}' more than once"));
                }
                else
                {
                    pairs.Add(new(key, item[(equals + 1)..]));
                }
            }

            return pairs;
        }

        private OptionOrigin? OriginOf(OptionDescriptor option) => Origins.GetValueOrDefault(option.Name);

        private (IReadOnlyList<string> Values, OptionOrigin Origin)? Find(OptionDescriptor option)
        {
            var found = Lookup(option);
            if (found is not null)
            {
                Origins[option.Name] = found.Value.Origin;
            }

            return found;
        }

        private (IReadOnlyList<string> Values, OptionOrigin Origin)? Lookup(OptionDescriptor option)
        {
            var arguments = sources.Arguments(option.Name);
            if (arguments.Count > 0)
            {
                return (arguments, new OptionOrigin(OptionSource.Argument, option.Argument));
            }

            if (NonEmpty(sources.Environment(option.EnvironmentVariable)) is { } env)
            {
                return ([env], new OptionOrigin(OptionSource.Environment, option.EnvironmentVariable));
            }

            if (NonEmpty(sources.Configuration(option.ConfigurationKey)) is { } config)
            {
                return ([config], new OptionOrigin(OptionSource.Configuration, option.ConfigurationKey));
            }

            if (option.CiVariable is not null && NonEmpty(sources.Environment(option.CiVariable)) is { } ci)
            {
                return ([ci], new OptionOrigin(OptionSource.CiDefault, option.CiVariable));
            }

            return null;
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
