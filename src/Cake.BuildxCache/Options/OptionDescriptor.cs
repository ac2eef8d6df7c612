namespace Cake.BuildxCache.Options;

/// <summary>
/// One option's names, sources, default and purpose. The names derive from <see cref="Name"/>:
/// argument <c>--cache-repo</c>, environment <c>BUILDX_CACHE_REPO</c>, configuration key
/// <c>Buildx_CacheRepo</c> (that is <c>CacheRepo=</c> under <c>[Buildx]</c> in cake.config, or
/// <c>CAKE_BUILDX_CACHEREPO</c> in the environment). <see cref="OptionDescriptor{T}"/> adds how the value
/// is read, stored and printed; the reader, Plan and the option table all go through it. An option whose
/// items are <c>key=value</c> (<see cref="HasItemKeys"/>) takes one cake.config key per item,
/// <c>BuildArg.NODE_VERSION=22</c>, derived from the same name.
/// </summary>
public abstract class OptionDescriptor
{
    private protected OptionDescriptor(string name) => Name = name;

    /// <summary>The kebab-case name, e.g. <c>cache-repo</c>.</summary>
    public string Name { get; }

    /// <summary>An example value used in "how to set it" messages.</summary>
    public required string Example { get; init; }

    /// <summary>What the option does.</summary>
    public required string Summary { get; init; }

    /// <summary>A CI variable read as the lowest-precedence value (<c>CI_REGISTRY_IMAGE</c> for the image).</summary>
    public string? CiVariable { get; init; }

    /// <summary>True for passwords: their values never appear in messages, logs or printouts.</summary>
    public bool IsSecret { get; init; }

    /// <summary>
    /// Former names of the option (kebab-case, <c>prune-keep-storage</c>), still read from every source under the
    /// names they derive (<c>--prune-keep-storage</c>, <c>BUILDX_PRUNE_KEEP_STORAGE</c>, <c>PruneKeepStorage=</c>),
    /// each with a warning naming the option: a rename must not break a pipeline that still uses the old name. In
    /// each source the current name wins (the alias is then ignored, with a warning).
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when the option takes several values (repeat the argument, or separate values).</summary>
    public abstract bool IsList { get; }

    /// <summary>
    /// True when the option's items are <c>key=value</c> (<c>--build-arg</c>). cake.config gives such an
    /// option one key per item, the item's key after a dot (<c>BuildArg.NODE_VERSION=22</c>), because Cake's
    /// configuration parser does not accept <c>=</c> in a value.
    /// </summary>
    public abstract bool HasItemKeys { get; }

    /// <summary>The default as documentation (empty when none).</summary>
    public abstract string DefaultText { get; }

    /// <summary>The argument, <c>--cache-repo</c>.</summary>
    public string Argument => OptionNames.Argument(Name);

    /// <summary>The environment variable, <c>BUILDX_CACHE_REPO</c>.</summary>
    public string EnvironmentVariable => OptionNames.EnvironmentVariable(Name);

    /// <summary>The key under <c>[Buildx]</c> in cake.config, <c>CacheRepo</c>.</summary>
    public string ConfigFileKey => OptionNames.ConfigFileKey(Name);

    /// <summary>The Cake configuration key, <c>Buildx_CacheRepo</c>.</summary>
    public string ConfigurationKey => OptionNames.ConfigurationKey(Name);

    /// <summary>The key as the option table shows it: <c>CacheRepo</c>, or <c>BuildArg.&lt;key&gt;</c> for an option with item keys.</summary>
    public string ConfigFileEntry => HasItemKeys ? ConfigFileKey + ".<key>" : ConfigFileKey;

    /// <summary>The line that sets <see cref="Example"/> under <c>[Buildx]</c>: <c>CacheRepo=…</c>, or <c>BuildArg.NODE_VERSION=22</c>.</summary>
    public string ConfigFileExample => (HasItemKeys ? ConfigFileKey + "." : ConfigFileKey + "=") + Example;

    /// <summary>How to set the option, for error messages. Secrets are advised through the environment only.</summary>
    public string HowToSet => IsSecret
        ? $"set {EnvironmentVariable}{(CiVariable is null ? string.Empty : $" (or {CiVariable} in GitLab CI)")} in the environment; avoid passing secrets as arguments or in cake.config"
        : $"set {Argument}={Example}, {EnvironmentVariable}, or {(HasItemKeys ? ConfigFileExample : ConfigFileKey + "=")} under [Buildx] in cake.config";

    /// <summary>Reads this option from <paramref name="reading"/> into <paramref name="options"/>; unset keeps the default.</summary>
    internal abstract BuildxCacheOptions ReadInto(OptionReading reading, BuildxCacheOptions options);

    /// <summary>The option's value in <paramref name="options"/> as printed text, or null when it has none.</summary>
    internal abstract string? Format(BuildxCacheOptions options);

    /// <inheritdoc />
    public override string ToString() => Name;
}
