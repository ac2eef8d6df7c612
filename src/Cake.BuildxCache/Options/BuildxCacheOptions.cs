using System.Collections.Immutable;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Everything a user can set, read once by <see cref="BuildxCacheOptionsReader"/> (arguments over
/// environment over Cake configuration over CI defaults) and checked once by
/// <see cref="BuildxCacheOptionsValidator"/> before any docker command runs. The names and sources of
/// every property are in <see cref="OptionCatalog"/>. Null means "not set: the policy decides".
/// </summary>
public sealed record BuildxCacheOptions
{
    /// <summary><c>image</c>: the image repository without tag, e.g. <c>registry.example.com/group/app</c>.</summary>
    public string? Image { get; init; }

    /// <summary><c>cache-repo</c>: the cache repository as set; see <see cref="EffectiveCacheRepo"/>.</summary>
    public string? CacheRepo { get; init; }

    /// <summary><c>cache-tag-prefix</c>: cache tag = prefix + slug.</summary>
    public string CacheTagPrefix { get; init; } = OptionCatalog.CacheTagPrefix.Default;

    /// <summary><c>--dockerfile</c>: Dockerfile path (--file).</summary>
    public string Dockerfile { get; init; } = OptionCatalog.Dockerfile.Default;

    /// <summary><c>--context</c>: build context directory.</summary>
    public string Context { get; init; } = OptionCatalog.Context.Default;

    /// <summary><c>stage</c>: the Dockerfile stage (buildx <c>--target</c>), or null for the last one.</summary>
    public string? Stage { get; init; }

    /// <summary><c>platform</c>: <c>os/arch[/variant]</c> values; empty for the builder's own platform.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = OptionCatalog.Platform.Default;

    /// <summary><c>--builder</c>: buildx builder name to reuse or create.</summary>
    public string Builder { get; init; } = OptionCatalog.Builder.Default;

    /// <summary><c>--builder-driver</c>: buildx driver of the builder: docker-container, kubernetes, remote or docker.</summary>
    public string BuilderDriver { get; init; } = OptionCatalog.BuilderDriver.Default;

    /// <summary><c>driver-opt</c>: <c>key=value</c> driver options.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DriverOpts { get; init; } = OptionCatalog.DriverOpt.Default;

    /// <summary><c>buildkitd-config</c>: a buildkitd.toml path.</summary>
    public string? BuildkitdConfig { get; init; }

    /// <summary><c>--cache-mode</c>: cache export mode: min (final stage only) or max (every stage).</summary>
    public CacheMode CacheMode { get; init; } = OptionCatalog.CacheMode.Default;

    /// <summary><c>cache-readonly</c>: true forces read-only, false asks to write locally too, null lets the policy decide.</summary>
    public bool? CacheReadOnly { get; init; }

    /// <summary><c>--cache-ignore-error</c>: a cache that cannot be written does not fail the build (ignore-error=).</summary>
    public bool CacheIgnoreError { get; init; } = OptionCatalog.CacheIgnoreError.Default;

    /// <summary><c>cache-image-manifest</c>: passed only when set.</summary>
    public bool? CacheImageManifest { get; init; }

    /// <summary><c>cache-oci-mediatypes</c>: passed only when set.</summary>
    public bool? CacheOciMediaTypes { get; init; }

    /// <summary><c>cache-compression</c>: passed only when set.</summary>
    public CacheCompression? CacheCompression { get; init; }

    /// <summary><c>push</c>: null lets the policy decide (CI pushes).</summary>
    public bool? Push { get; init; }

    /// <summary><c>load</c>: null lets the policy decide (a local run loads).</summary>
    public bool? Load { get; init; }

    /// <summary><c>--tag-branch</c>: tag the image with the branch slug.</summary>
    public bool TagBranch { get; init; } = OptionCatalog.TagBranch.Default;

    /// <summary><c>--tag-sha</c>: tag the image with the short sha.</summary>
    public bool TagSha { get; init; } = OptionCatalog.TagSha.Default;

    /// <summary><c>--tag-latest</c>: tag the image latest on the default branch.</summary>
    public bool TagLatest { get; init; } = OptionCatalog.TagLatest.Default;

    /// <summary><c>--tag-git-tag</c>: tag the image with the git tag on tag pipelines.</summary>
    public bool TagGitTag { get; init; } = OptionCatalog.TagGitTag.Default;

    /// <summary><c>tag</c>: extra tags on the image repository.</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = OptionCatalog.Tag.Default;

    /// <summary><c>label</c>: extra labels, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = OptionCatalog.Label.Default;

    /// <summary><c>build-arg</c>: extra build arguments, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = OptionCatalog.BuildArg.Default;

    /// <summary><c>title</c>: the <c>org.opencontainers.image.title</c> label, else the image's last path segment.</summary>
    public string? Title { get; init; }

    /// <summary><c>registry</c>: the host <see cref="RegistryUser"/> logs in to; the image's registry when null.</summary>
    public string? Registry { get; init; }

    /// <summary><c>--registry-user</c>: user for the registry.</summary>
    public string? RegistryUser { get; init; }

    /// <summary><c>registry-password</c> (secret).</summary>
    public Secret? RegistryPassword { get; init; }

    /// <summary><c>cache-registry-user</c>: for the cache repository's registry when it is not the image's.</summary>
    public string? CacheRegistryUser { get; init; }

    /// <summary><c>cache-registry-password</c> (secret).</summary>
    public Secret? CacheRegistryPassword { get; init; }

    /// <summary><c>branch</c>: carried for the refs resolver.</summary>
    public string? Branch { get; init; }

    /// <summary><c>sha</c>: carried for the refs resolver.</summary>
    public string? Sha { get; init; }

    /// <summary><c>default-branch</c>: carried for the refs resolver.</summary>
    public string? DefaultBranch { get; init; }

    /// <summary><c>progress</c>: buildx <c>--progress</c>, or null for buildx's default.</summary>
    public string? Progress { get; init; }

    /// <summary><c>--metadata-file</c>: file buildx writes the build result metadata to (--metadata-file).</summary>
    public string? MetadataFile { get; init; }

    /// <summary><c>check-cache-refs</c>: ask the registry which cache-from refs exist before building.</summary>
    public bool CheckCacheRefs { get; init; } = OptionCatalog.CheckCacheRefs.Default;

    /// <summary><c>require-cache-hit</c>: the least percent of steps a warm build must take from the cache, or null.</summary>
    public int? RequireCacheHit { get; init; }

    /// <summary><c>registry-flavor</c>: the cache registry's kind, choosing the cache-to options it needs.</summary>
    public RegistryFlavor RegistryFlavor { get; init; } = OptionCatalog.RegistryFlavor.Default;

    /// <summary><c>prune-until</c>: a Go duration such as <c>72h</c>.</summary>
    public string? PruneUntil { get; init; }

    /// <summary><c>prune-reserved-space</c> (formerly <c>prune-keep-storage</c>): a size such as <c>10GB</c>.</summary>
    public string? PruneReservedSpace { get; init; }

    /// <summary>The former name of <see cref="PruneReservedSpace"/>, which it reads and sets.</summary>
    [Obsolete("Renamed after buildx's --reserved-space: use PruneReservedSpace.")]
    public string? PruneKeepStorage
    {
        get => PruneReservedSpace;
        init => PruneReservedSpace = value;
    }

    /// <summary><c>prune-max-used-space</c>: a size such as <c>20GB</c>.</summary>
    public string? PruneMaxUsedSpace { get; init; }

    /// <summary><c>prune-min-free-space</c>: a size such as <c>5GB</c>.</summary>
    public string? PruneMinFreeSpace { get; init; }

    /// <summary><c>--prune-remove-builder</c>: PruneCache removes the builder afterwards.</summary>
    public bool PruneRemoveBuilder { get; init; } = OptionCatalog.PruneRemoveBuilder.Default;

    /// <summary><c>--logout</c>: log out at the end of the run, or null for the default (in CI, not on a laptop).</summary>
    public bool? Logout { get; init; } = OptionCatalog.Logout.Default;

    /// <summary><c>prune-registry</c>: PruneCache prunes the cache repository's tags in the registry, not the builder.</summary>
    public bool PruneRegistry { get; init; } = OptionCatalog.PruneRegistry.Default;

    /// <summary><c>cache-max-age</c>: a duration such as <c>168h</c>; see <see cref="CacheMaxAgeSpan"/>.</summary>
    public string? CacheMaxAge { get; init; }

    /// <summary><c>confirm</c>: the registry prune deletes; without it, it only lists.</summary>
    public bool Confirm { get; init; } = OptionCatalog.Confirm.Default;

    /// <summary><c>live-branches</c>: the branches that exist; empty to ask <c>git ls-remote --heads origin</c>.</summary>
    public IReadOnlyList<string> LiveBranches { get; init; } = OptionCatalog.LiveBranches.Default;

    /// <summary><see cref="CacheMaxAge"/> as a duration, or null when unset or unreadable (validation reports that).</summary>
    public TimeSpan? CacheMaxAgeSpan => CacheMaxAge is { } text && OptionFormats.TryParseDuration(text, out var span) ? span : null;

    /// <summary>
    /// The values of the options declared without a property of their own, by name; read them with
    /// <see cref="OptionDescriptor{T}.ValueIn"/>, set them with <see cref="OptionDescriptor{T}.With"/>.
    /// </summary>
    internal ImmutableDictionary<string, object?> Values { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>Where each option that was set came from, by option name; an option absent here has its default.</summary>
    public IReadOnlyDictionary<string, OptionOrigin> Origins { get; init; } = new Dictionary<string, OptionOrigin>();

    /// <summary>Values that could not be read (a bool that is not one, …); <see cref="BuildxCacheOptionsValidator"/> reports them with the rest.</summary>
    public IReadOnlyList<OptionProblem> ReadProblems { get; init; } = [];

    /// <summary>What reading found worth a warning: an option given by a former name (see <see cref="OptionDescriptor.Aliases"/>).</summary>
    public IReadOnlyList<string> ReadWarnings { get; init; } = [];

    /// <summary>The cache repository: <see cref="CacheRepo"/>, else <c>&lt;image&gt;/cache</c>, else null when there is no image.</summary>
    public string? EffectiveCacheRepo => CacheRepo ?? (string.IsNullOrEmpty(Image) ? null : Image + "/cache");

    /// <summary>Where <paramref name="option"/> came from (<see cref="OptionOrigin.Default"/> when not set).</summary>
    /// <param name="option">An option of <see cref="OptionCatalog"/>.</param>
    /// <returns>The origin.</returns>
    public OptionOrigin OriginOf(OptionDescriptor option) =>
        Origins.TryGetValue(option.Name, out var origin) ? origin : OptionOrigin.Default;

    /// <summary>
    /// One line per option that has a value: <c>image = registry.example.com/app (from --image)</c>;
    /// secrets print as <see cref="Secret.Redacted"/>.
    /// </summary>
    /// <returns>The lines, in <see cref="OptionCatalog.All"/> order.</returns>
    public IReadOnlyList<string> Describe() =>
    [
        .. OptionCatalog.All
            .Select(option => (option, value: option.Format(this)))
            .Where(pair => !string.IsNullOrEmpty(pair.value))
            .Select(pair => $"{pair.option.Name} = {pair.value} ({OriginOf(pair.option)})"),
    ];

    /// <summary>The options' names and sources; secret values are redacted.</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => "BuildxCacheOptions { " + string.Join(", ", Describe()) + " }";
}
