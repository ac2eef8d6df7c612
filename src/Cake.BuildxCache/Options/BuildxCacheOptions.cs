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

    /// <summary><c>bake-file</c>: the user's own bake file(s), whose targets are the run's images; empty for none.</summary>
    public IReadOnlyList<string> BakeFiles { get; init; } = OptionCatalog.BakeFile.Default;

    /// <summary><c>bake-target</c>: the targets or groups of the bake file to build; empty for its default group.</summary>
    public IReadOnlyList<string> BakeTargets { get; init; } = OptionCatalog.BakeTarget.Default;

    /// <summary><c>platform</c>: <c>os/arch[/variant]</c> values; empty for the builder's own platform.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = OptionCatalog.Platform.Default;

    /// <summary><c>--fan-out</c>: build the one platform and push it by digest only, for Merge.</summary>
    public bool FanOut { get; init; } = OptionCatalog.FanOut.Default;

    /// <summary><c>platform-digest</c>: the platform images Merge joins (<c>linux/amd64=sha256:…</c>), instead of the fan-out artifacts.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PlatformDigests { get; init; } = OptionCatalog.PlatformDigest.Default;

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

    /// <summary><c>image-filter</c>: the declared images this run builds, by name; empty for all of them.</summary>
    public IReadOnlyList<string> ImageFilter { get; init; } = OptionCatalog.ImageFilter.Default;

    /// <summary><c>live-branches</c>: the branches that exist; empty to ask <c>git ls-remote --heads origin</c>.</summary>
    public IReadOnlyList<string> LiveBranches { get; init; } = OptionCatalog.LiveBranches.Default;

    /// <summary><c>cache-scope</c>: cache tag suffix (cache tag = prefix + slug + '-' + scope): jobs building other platforms or stages of one branch keep caches of their own; none turns it off.</summary>
    public string? CacheScope { get; init; }

    /// <summary><c>buildkit-image</c>: BuildKit image the builder runs (--driver-opt image=, docker-container and kubernetes drivers); a builder running another is recreated.</summary>
    public string BuildkitImage { get; init; } = OptionCatalog.BuildkitImage.Default;

    /// <summary><c>buildx-plugin</c>: how buildx is started: auto (the docker-buildx plugin docker would run, started directly: one process less per command, buildx 0.23+), docker (always `docker buildx`), or the path of a docker-buildx binary.</summary>
    public string BuildxPlugin { get; init; } = OptionCatalog.BuildxPlugin.Default;

    /// <summary><c>builder-endpoint</c>: BuildKit daemon of builder-driver=remote: tcp://host:port, unix:///path (or ssh://, docker-container://, kube-pod://, npipe://); TLS by --driver-opt cacert=,cert=,key= (absolute paths).</summary>
    public string? BuilderEndpoint { get; init; }

    /// <summary><c>builder-node</c>: a node of one multi-node builder, several (remote: endpoint,platform=os/arch[,platform=…][,cacert=,cert=,key=,servername=]; kubernetes: platform=…[,nodeselector=…]): BuildKit sends each platform of a build to its node; replaces builder-endpoint.</summary>
    public IReadOnlyList<string> BuilderNodes { get; init; } = OptionCatalog.BuilderNode.Default;

    /// <summary><c>registry-mirror</c>: registry=mirror[/path]: the builder pulls that registry's images from the mirror first (generated buildkitd.toml; BuildKit does not read dockerd's mirrors); an http:// mirror is plain HTTP.</summary>
    public IReadOnlyList<string> RegistryMirrors { get; init; } = OptionCatalog.RegistryMirror.Default;

    /// <summary><c>insecure-registry</c>: host:port spoken to over plain HTTP (https://host:port: HTTPS without certificate checks), by the builder (generated buildkitd.toml) and by the registry API client; never Docker Hub.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = OptionCatalog.InsecureRegistry.Default;

    /// <summary><c>reproducible</c>: the commit time is the image's time (created label, config and history times via the output's source-date-epoch, BuildKit 0.13+): the same commit built from the cache gives the same digest; false stamps the build time.</summary>
    public bool Reproducible { get; init; } = OptionCatalog.Reproducible.Default;

    /// <summary><c>rewrite-timestamps</c>: with reproducible, also set the file times in the layers the build made to the commit time (rewrite-timestamp=true): the same digest even when a step reruns from scratch, but every push reads each such layer (+3.5 s per 100 MB layer on a fresh runner).</summary>
    public bool RewriteTimestamps { get; init; } = OptionCatalog.RewriteTimestamps.Default;

    /// <summary><c>secret</c>: build secret id=…,env=VARIABLE or id=…,src=FILE (--secret; RUN --mount=type=secret,id=…); the variable must be set and the file exist; the value never reaches argv, logs or Plan.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = OptionCatalog.Secret.Default;

    /// <summary><c>ssh</c>: SSH agent socket or keys for RUN --mount=type=ssh: default (SSH_AUTH_SOCK) or id=path[,path] (--ssh).</summary>
    public IReadOnlyList<string> Ssh { get; init; } = OptionCatalog.Ssh.Default;

    /// <summary><c>build-context</c>: named build contexts name=path|docker-image://…|https://… (--build-context).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildContexts { get; init; } = OptionCatalog.BuildContext.Default;

    /// <summary><c>annotation</c>: image annotations [type:]key=value (--annotation; type index, manifest, …), buildx 0.12+.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = OptionCatalog.Annotation.Default;

    /// <summary><c>provenance</c>: provenance attestation (--provenance): false, true, mode=min or mode=max; unset leaves buildx's default.</summary>
    public string? Provenance { get; init; }

    /// <summary><c>sbom</c>: SBOM attestation (--sbom): true, false or generator=image (the default generator image is pulled from Docker Hub).</summary>
    public string? Sbom { get; init; }

    /// <summary><c>no-cache</c>: build every step anew, reading no cache (--no-cache); the cache is still written.</summary>
    public bool NoCache { get; init; } = OptionCatalog.NoCache.Default;

    /// <summary><c>no-cache-filter</c>: stages built anew, without the cache (--no-cache-filter); not with no-cache.</summary>
    public IReadOnlyList<string> NoCacheFilters { get; init; } = OptionCatalog.NoCacheFilter.Default;

    /// <summary><c>pull</c>: always pull the images FROM names, even when the builder has them (--pull).</summary>
    public bool Pull { get; init; } = OptionCatalog.Pull.Default;

    /// <summary><c>network</c>: network of RUN steps (--network): default, none or host (host needs a builder allowing network.host).</summary>
    public string? Network { get; init; }

    /// <summary><c>add-host</c>: host:ip entries for /etc/hosts of RUN steps (--add-host); ip an IPv4 or IPv6 address or host-gateway.</summary>
    public IReadOnlyList<string> AddHosts { get; init; } = OptionCatalog.AddHost.Default;

    /// <summary><c>ulimit</c>: ulimits of RUN steps name=soft[:hard] (--ulimit), soft at most hard.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ulimits { get; init; } = OptionCatalog.Ulimit.Default;

    /// <summary><c>shm-size</c>: size of /dev/shm in RUN steps (--shm-size), e.g. 256m or 1g, at most 1t.</summary>
    public string? ShmSize { get; init; }

    /// <summary><c>lint-fail-on-warnings</c>: the Lint task (docker buildx build --call=check, buildx 0.15+) fails when the Dockerfile has check warnings; without it they are logged as warnings.</summary>
    public bool LintFailOnWarnings { get; init; } = OptionCatalog.LintFailOnWarnings.Default;

    /// <summary><c>cache-promote</c>: race-free cache: write the cache to &lt;slug&gt;-&lt;short sha&gt;, then copy it to the branch ref only when the commit that ref holds is an ancestor of this one (never backwards); needs the git history (GIT_DEPTH: 0, fetch-depth: 0).</summary>
    public bool CachePromote { get; init; } = OptionCatalog.CachePromote.Default;

    /// <summary><c>explain-cache-miss</c>: when a warm build runs steps, name the first and its likely cause (build argument, base image, .git in the context); records base-image digests, and with cache-record-key keyed digests of the declared, non-secret build arguments, on the cache ref written.</summary>
    public bool ExplainCacheMiss { get; init; } = OptionCatalog.ExplainCacheMiss.Default;

    /// <summary><c>cache-mounts</c>: cache mounts (RUN --mount=type=cache) kept in the cache repository between runners: auto (every one of the stages built), none, or mount ids separated by commas.</summary>
    public string CacheMounts { get; init; } = OptionCatalog.CacheMounts.Default;

    /// <summary><c>cache-mount-max-size</c>: largest cache mount content exported to the registry (B, KB, MB, GB; powers of 1024); a larger one is left unexported with a warning.</summary>
    public string CacheMountMaxSize { get; init; } = OptionCatalog.CacheMountMaxSize.Default;

    /// <summary><c>cache-record-key</c>: key (32 or more random characters, a masked CI variable) of the build-argument digests the cache record keeps for explain-cache-miss; without it no build argument is recorded (secret).</summary>
    public Secret? CacheRecordKey { get; init; }

    /// <summary><see cref="CacheMaxAge"/> as a duration, or null when unset or unreadable (validation reports that).</summary>
    public TimeSpan? CacheMaxAgeSpan => CacheMaxAge is { } text && OptionFormats.TryParseDuration(text, out var span) ? span : null;

    /// <summary>Where each option that was set came from, by option name; an option absent here has its default.</summary>
    public IReadOnlyDictionary<string, OptionOrigin> Origins { get; init; } = new Dictionary<string, OptionOrigin>();

    /// <summary>The images cake.config declares (<c>[Buildx.Image.NAME]</c> sections), in name order; empty: the one image of the options.</summary>
    internal IReadOnlyList<Images.ImageDeclaration> Images { get; init; } = [];

    /// <summary>The name of the declared image these options build (<see cref="Images"/>), or null for the run's one image: it scopes the cache refs.</summary>
    internal string? ImageName { get; init; }

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
