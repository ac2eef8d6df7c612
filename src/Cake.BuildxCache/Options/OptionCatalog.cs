using System.Reflection;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Every option, each declared once: its name (from which the argument, environment variable and
/// cake.config key derive), CI default, default, parser, place in <see cref="BuildxCacheOptions"/> and
/// summary. The reader, Plan's option list and docs/options.md's option table are all made from this list.
/// </summary>
public static class OptionCatalog
{
    /// <summary>The <c>--image</c> option.</summary>
    public static readonly OptionDescriptor<string?> Image = new("image", OptionParsers.OptionalText, o => o.Image, (o, v) => o with { Image = v })
    {
        Default = null,
        Example = "registry.example.com/group/app",
        Summary = "image repository without tag or digest",
        CiVariable = "CI_REGISTRY_IMAGE",
    };

    /// <summary>The <c>--cache-repo</c> option.</summary>
    public static readonly OptionDescriptor<string?> CacheRepo = new("cache-repo", OptionParsers.OptionalText, o => o.CacheRepo, (o, v) => o with { CacheRepo = v })
    {
        Default = null,
        Example = "registry.example.com/group/app/cache",
        Summary = "repository the registry cache refs live in, without tag",
        DefaultDescription = "<image>/cache",
        Shown = o => o.EffectiveCacheRepo,
    };

    /// <summary>The <c>--cache-tag-prefix</c> option.</summary>
    public static readonly OptionDescriptor<string> CacheTagPrefix = new("cache-tag-prefix", OptionParsers.Text, o => o.CacheTagPrefix, (o, v) => o with { CacheTagPrefix = v })
    {
        Default = string.Empty,
        Example = "cache-",
        Summary = "prefix of cache tags (cache tag = prefix + ref slug); with --cache-repo=<image> gives <image>:cache-<slug>",
    };

    /// <summary>
    /// The <c>--cache-scope</c> option: what follows the slug in the cache tag (<c>&lt;slug&gt;-&lt;scope&gt;</c>), so that
    /// jobs building other platforms or stages of one branch keep caches of their own; see <see cref="Options.CacheScope"/>.
    /// </summary>
    public static readonly OptionDescriptor<string?> CacheScope = new("cache-scope", OptionParsers.OptionalText, o => o.CacheScope, (o, v) => o with { CacheScope = v })
    {
        Default = null,
        Example = "linux-arm64",
        Summary = "cache tag suffix (cache tag = prefix + slug + '-' + scope): jobs building other platforms or stages of one branch keep caches of their own; none turns it off",
        DefaultDescription = "--stage and a single --platform (runtime-linux-386); no suffix for several platforms",
        Shown = o => Options.CacheScope.Of(o).Value,
    };

    /// <summary>The <c>--dockerfile</c> option.</summary>
    public static readonly OptionDescriptor<string> Dockerfile = new("dockerfile", OptionParsers.Text, o => o.Dockerfile, (o, v) => o with { Dockerfile = v })
    {
        Default = "Dockerfile",
        Example = "docker/app.Dockerfile",
        Summary = "Dockerfile path (--file)",
    };

    /// <summary>The <c>--context</c> option.</summary>
    public static readonly OptionDescriptor<string> Context = new("context", OptionParsers.Text, o => o.Context, (o, v) => o with { Context = v })
    {
        Default = ".",
        Example = "src/app",
        Summary = "build context directory",
    };

    /// <summary>The <c>--stage</c> option.</summary>
    public static readonly OptionDescriptor<string?> Stage = new("stage", OptionParsers.OptionalText, o => o.Stage, (o, v) => o with { Stage = v })
    {
        Default = null,
        Example = "runtime",
        Summary = "Dockerfile stage to build (buildx --target; named stage because --target picks the Cake task)",
    };

    /// <summary>The <c>--bake-file</c> option: the user's own bake file(s), read through <c>docker buildx bake --print</c>.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> BakeFile = new("bake-file", OptionParsers.List, o => o.BakeFiles, (o, v) => o with { BakeFiles = v })
    {
        Default = [],
        Example = "docker-bake.hcl",
        Summary = "the repository's own bake file(s) (docker-bake.hcl, .json or a compose file; several as buildx -f, a later one overriding): each target is an image; the module adds its cache and tags without editing the file",
    };

    /// <summary>The <c>--bake-target</c> option: which targets or groups of the bake file the run builds.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> BakeTarget = new("bake-target", OptionParsers.List, o => o.BakeTargets, (o, v) => o with { BakeTargets = v })
    {
        Default = [],
        Example = "api,worker",
        Summary = "the targets or groups of --bake-file to build",
        DefaultDescription = "the file's default group",
    };

    /// <summary>The <c>--platform</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> Platform = new("platform", OptionParsers.List, o => o.Platforms, (o, v) => o with { Platforms = v })
    {
        Default = [],
        Example = "linux/amd64,linux/arm64",
        Summary = "target platforms os/arch[/variant], comma separated (--platform)",
    };

    /// <summary>The <c>--image-filter</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> ImageFilter = new("image-filter", OptionParsers.List, o => o.ImageFilter, (o, v) => o with { ImageFilter = v })
    {
        Default = [],
        Example = "api,worker",
        Summary = "with [Buildx.Image.NAME] sections in cake.config or --bake-file: the images this run builds, by name (an unknown name is refused)",
        DefaultDescription = "every declared image",
    };

    /// <summary>
    /// The <c>--fan-out</c> option: this job builds one platform of a multi-platform image and pushes it by digest only;
    /// the Merge task then joins every platform's digest under the tags.
    /// </summary>
    public static readonly OptionDescriptor<bool> FanOut = new("fan-out", OptionParsers.Flag, o => o.FanOut, (o, v) => o with { FanOut = v })
    {
        Default = false,
        Example = "true",
        Summary = "build the one --platform of a multi-platform image and push it by digest only (no tag moves); its digest goes to artifacts/fan-out-<platform>.json, build.env and $GITHUB_OUTPUT for the Merge task",
    };

    /// <summary>The <c>--platform-digest</c> option: the platform images Merge joins, when not from the fan-out jobs' artifacts.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> PlatformDigest = new("platform-digest", OptionParsers.Pairs, o => o.PlatformDigests, (o, v) => o with { PlatformDigests = v })
    {
        Default = [],
        Example = "linux/amd64=sha256:0123…",
        Summary = "Merge: a platform's pushed digest platform=sha256:…, several, instead of the fan-out jobs' artifacts/fan-out-*.json",
        DefaultDescription = "artifacts/fan-out-*.json",
    };

    /// <summary>The <c>--builder</c> option.</summary>
    public static readonly OptionDescriptor<string> Builder = new("builder", OptionParsers.Text, o => o.Builder, (o, v) => o with { Builder = v })
    {
        Default = "buildx-cache",
        Example = "buildx-cache",
        Summary = "buildx builder name to reuse or create",
    };

    /// <summary>The <c>--builder-driver</c> option.</summary>
    public static readonly OptionDescriptor<string> BuilderDriver = new("builder-driver", OptionParsers.Text, o => o.BuilderDriver, (o, v) => o with { BuilderDriver = v })
    {
        Default = "docker-container",
        Example = "docker-container",
        Summary = "buildx driver of the builder: docker-container, kubernetes, remote (needs builder-endpoint) or docker",
    };

    /// <summary>The <c>--driver-opt</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> DriverOpt = new("driver-opt", OptionParsers.BuildxCsvPairs, o => o.DriverOpts, (o, v) => o with { DriverOpts = v })
    {
        Default = [],
        Example = "network=host",
        Summary = "builder driver options key=value (--driver-opt), several; read as buildx reads them (CSV): a value with a comma is quoted whole, '\"env.NO_PROXY=a,b\"'",
    };

    /// <summary>The <c>--buildkit-image</c> option: pinned to the BuildKit the module is tested with, not buildx's floating default.</summary>
    public static readonly OptionDescriptor<string> BuildkitImage = new("buildkit-image", OptionParsers.Text, o => o.BuildkitImage, (o, v) => o with { BuildkitImage = v })
    {
        Default = "moby/buildkit:v0.32.2",
        Example = "moby/buildkit:v0.32.2",
        Summary = "BuildKit image the builder runs (--driver-opt image=, docker-container and kubernetes drivers); a builder running another is recreated",
    };

    /// <summary>The <c>--buildx-plugin</c> option: how buildx commands are started.</summary>
    public static readonly OptionDescriptor<string> BuildxPlugin = new("buildx-plugin", OptionParsers.Text, o => o.BuildxPlugin, (o, v) => o with { BuildxPlugin = v })
    {
        Default = BuildxPluginChoice.Auto,
        Example = BuildxPluginChoice.Docker,
        Summary = "how buildx is started: auto (the docker-buildx plugin docker would run, started directly: one process less per command, buildx 0.23+), docker (always `docker buildx`), or the path of a docker-buildx binary",
    };

    /// <summary>The <c>--buildkitd-config</c> option.</summary>
    public static readonly OptionDescriptor<string?> BuildkitdConfig = new("buildkitd-config", OptionParsers.OptionalText, o => o.BuildkitdConfig, (o, v) => o with { BuildkitdConfig = v })
    {
        Default = null,
        Example = "buildkitd.toml",
        Summary = "buildkitd.toml for the builder, used as it is (--buildkitd-config, --config on old buildx); without it one is generated from registry-mirror and insecure-registry",
    };

    /// <summary>The <c>--builder-endpoint</c> option: the BuildKit daemon a <c>remote</c> builder connects to.</summary>
    public static readonly OptionDescriptor<string?> BuilderEndpoint = new("builder-endpoint", OptionParsers.OptionalText, o => o.BuilderEndpoint, (o, v) => o with { BuilderEndpoint = v })
    {
        Default = null,
        Example = "tcp://buildkitd.example.com:1234",
        Summary = "BuildKit daemon of builder-driver=remote: tcp://host:port, unix:///path (or ssh://, docker-container://, kube-pod://, npipe://); TLS by --driver-opt cacert=,cert=,key= (absolute paths)",
    };

    /// <summary>The <c>--builder-node</c> option: the nodes of a multi-node builder (<see cref="BuilderNodeSpec"/>).</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> BuilderNode = new("builder-node", OptionParsers.Items, o => o.BuilderNodes, (o, v) => o with { BuilderNodes = v })
    {
        Default = [],
        Example = "tcp://buildkitd-arm64:1234,platform=linux/arm64",
        Summary = "a node of one multi-node builder, several (remote: endpoint,platform=os/arch[,platform=…][,cacert=,cert=,key=,servername=]; kubernetes: platform=…[,nodeselector=…]; CSV as buildx reads --driver-opt: an item with a comma quoted whole, '\"nodeselector=a=b,c=d\"'): BuildKit sends each platform of a build to its node; replaces builder-endpoint",
    };

    /// <summary>The <c>--registry-mirror</c> option: written to the generated buildkitd.toml, since BuildKit does not read dockerd's mirrors.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> RegistryMirror = new("registry-mirror", OptionParsers.List, o => o.RegistryMirrors, (o, v) => o with { RegistryMirrors = v })
    {
        Default = [],
        Example = "docker.io=https://mirror.example.com",
        Summary = "registry=mirror[/path]: the builder pulls that registry's images from the mirror first (generated buildkitd.toml; BuildKit does not read dockerd's mirrors); an http:// mirror is plain HTTP",
    };

    /// <summary>The <c>--insecure-registry</c> option: for the builder (generated buildkitd.toml) and the registry API client alike.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> InsecureRegistry = new("insecure-registry", OptionParsers.List, o => o.InsecureRegistries, (o, v) => o with { InsecureRegistries = v })
    {
        Default = [],
        Example = "registry.lan:5000",
        Summary = "host:port spoken to over plain HTTP (https://host:port: HTTPS without certificate checks), by the builder (generated buildkitd.toml) and by the registry API client; never Docker Hub",
    };

    /// <summary>The <c>--cache-mode</c> option.</summary>
    public static readonly OptionDescriptor<CacheMode> CacheMode = new("cache-mode", OptionParsers.Choice<CacheMode>, o => o.CacheMode, (o, v) => o with { CacheMode = v })
    {
        Default = Options.CacheMode.Max,
        Example = "max",
        Summary = "cache export mode: min (final stage only) or max (every stage)",
    };

    /// <summary>The <c>--cache-readonly</c> option.</summary>
    public static readonly OptionDescriptor<bool?> CacheReadOnly = new("cache-readonly", OptionParsers.OptionalFlag, o => o.CacheReadOnly, (o, v) => o with { CacheReadOnly = v })
    {
        Default = null,
        Example = "true",
        Summary = "read the cache but never write it (no --cache-to)",
        DefaultDescription = "CI: false; local: true unless pushing; fork MR: always true",
    };

    /// <summary>The <c>--cache-ignore-error</c> option.</summary>
    public static readonly OptionDescriptor<bool> CacheIgnoreError = new("cache-ignore-error", OptionParsers.Flag, o => o.CacheIgnoreError, (o, v) => o with { CacheIgnoreError = v })
    {
        Default = true,
        Example = "true",
        Summary = "a cache that cannot be written does not fail the build (ignore-error=)",
    };

    /// <summary>The <c>--cache-image-manifest</c> option.</summary>
    public static readonly OptionDescriptor<bool?> CacheImageManifest = new("cache-image-manifest", OptionParsers.OptionalFlag, o => o.CacheImageManifest, (o, v) => o with { CacheImageManifest = v })
    {
        Default = null,
        Example = "true",
        Summary = "write the cache as an OCI image manifest (image-manifest=), for registries that need it",
    };

    /// <summary>The <c>--cache-oci-mediatypes</c> option.</summary>
    public static readonly OptionDescriptor<bool?> CacheOciMediaTypes = new("cache-oci-mediatypes", OptionParsers.OptionalFlag, o => o.CacheOciMediaTypes, (o, v) => o with { CacheOciMediaTypes = v })
    {
        Default = null,
        Example = "true",
        Summary = "use OCI media types in the cache (oci-mediatypes=)",
    };

    /// <summary>The <c>--cache-compression</c> option.</summary>
    public static readonly OptionDescriptor<CacheCompression?> CacheCompression = new("cache-compression", OptionParsers.OptionalChoice<CacheCompression>, o => o.CacheCompression, (o, v) => o with { CacheCompression = v })
    {
        Default = null,
        Example = "zstd",
        Summary = "cache layer compression: gzip, estargz, zstd or uncompressed (compression=); the image's own layers keep gzip",
        DefaultDescription = "zstd when the builder runs --buildkit-image 0.10 or later (docker-container, kubernetes); else gzip",
    };

    /// <summary>The <c>--push</c> option.</summary>
    public static readonly OptionDescriptor<bool?> Push = new("push", OptionParsers.OptionalFlag, o => o.Push, (o, v) => o with { Push = v })
    {
        Default = null,
        Example = "true",
        Summary = "push the image (--push); never together with --load",
        DefaultDescription = "CI: true (not for fork MRs); local: false",
    };

    /// <summary>The <c>--load</c> option.</summary>
    public static readonly OptionDescriptor<bool?> Load = new("load", OptionParsers.OptionalFlag, o => o.Load, (o, v) => o with { Load = v })
    {
        Default = null,
        Example = "true",
        Summary = "load the image into the local engine (--load); never together with --push",
        DefaultDescription = "true when not pushing",
    };

    /// <summary>The <c>--tag-branch</c> option.</summary>
    public static readonly OptionDescriptor<bool> TagBranch = new("tag-branch", OptionParsers.Flag, o => o.TagBranch, (o, v) => o with { TagBranch = v })
    {
        Default = true,
        Example = "false",
        Summary = "tag the image with the branch slug",
    };

    /// <summary>The <c>--tag-sha</c> option.</summary>
    public static readonly OptionDescriptor<bool> TagSha = new("tag-sha", OptionParsers.Flag, o => o.TagSha, (o, v) => o with { TagSha = v })
    {
        Default = true,
        Example = "false",
        Summary = "tag the image with the short sha",
    };

    /// <summary>The <c>--tag-latest</c> option.</summary>
    public static readonly OptionDescriptor<bool> TagLatest = new("tag-latest", OptionParsers.Flag, o => o.TagLatest, (o, v) => o with { TagLatest = v })
    {
        Default = true,
        Example = "false",
        Summary = "tag the image latest on the default branch",
    };

    /// <summary>The <c>--tag-git-tag</c> option.</summary>
    public static readonly OptionDescriptor<bool> TagGitTag = new("tag-git-tag", OptionParsers.Flag, o => o.TagGitTag, (o, v) => o with { TagGitTag = v })
    {
        Default = true,
        Example = "false",
        Summary = "tag the image with the git tag on tag pipelines",
    };

    /// <summary>The <c>--tag</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> Tag = new("tag", OptionParsers.List, o => o.ExtraTags, (o, v) => o with { ExtraTags = v })
    {
        Default = [],
        Example = "stable",
        Summary = "extra image tags (tags only, on the image repository), several; none may start with the cache tag prefix when the cache shares the image's repository",
    };

    /// <summary>The <c>--label</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> Label = new("label", OptionParsers.Pairs, o => o.Labels, (o, v) => o with { Labels = v })
    {
        Default = [],
        Example = "com.example.team=platform",
        Summary = "extra image labels key=value, several; override the OCI labels of the same key",
    };

    /// <summary>The <c>--build-arg</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> BuildArg = new("build-arg", OptionParsers.Pairs, o => o.BuildArgs, (o, v) => o with { BuildArgs = v })
    {
        Default = [],
        Example = "NODE_VERSION=22",
        Summary = "extra build arguments key=value, several; override GIT_COMMIT if named so",
    };

    /// <summary>The <c>--title</c> option.</summary>
    public static readonly OptionDescriptor<string?> Title = new("title", OptionParsers.OptionalText, o => o.Title, (o, v) => o with { Title = v })
    {
        Default = null,
        Example = "my-app",
        Summary = "org.opencontainers.image.title",
        DefaultDescription = "last path segment of the image",
    };

    /// <summary>
    /// The <c>--reproducible</c> option: the image is a function of the commit (its time on the <c>created</c> label and as
    /// the image output's <c>source-date-epoch</c>); false stamps the build time.
    /// </summary>
    public static readonly OptionDescriptor<bool> Reproducible = new("reproducible", OptionParsers.Flag, o => o.Reproducible, (o, v) => o with { Reproducible = v })
    {
        Default = true,
        Example = "false",
        Summary = "the commit time is the image's time (created label, config and history times via the output's source-date-epoch, BuildKit 0.13+): the same commit built from the cache gives the same digest; false stamps the build time",
    };

    /// <summary>
    /// The <c>--rewrite-timestamps</c> option: off by default because BuildKit then reads (on a fresh runner: downloads)
    /// every layer the build made on each push, which costs a warm build seconds per 100 MB.
    /// </summary>
    public static readonly OptionDescriptor<bool> RewriteTimestamps = new("rewrite-timestamps", OptionParsers.Flag, o => o.RewriteTimestamps, (o, v) => o with { RewriteTimestamps = v })
    {
        Default = false,
        Example = "true",
        Summary = "with reproducible, also set the file times in the layers the build made to the commit time (rewrite-timestamp=true): the same digest even when a step reruns from scratch, but every push reads each such layer (+3.5 s per 100 MB layer on a fresh runner)",
    };

    /// <summary>The <c>--secret</c> option: only the id and where the value is read from reach docker's argv, never the value.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> Secret = new("secret", OptionParsers.Items, o => o.Secrets, (o, v) => o with { Secrets = v })
    {
        Default = [],
        Example = "id=npm_token,env=NPM_TOKEN",
        Summary = "build secret id=…,env=VARIABLE or id=…,src=FILE (--secret; RUN --mount=type=secret,id=…); the variable must be set and the file exist; the value never reaches argv, logs or Plan",
    };

    /// <summary>The <c>--ssh</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> Ssh = new("ssh", OptionParsers.Items, o => o.Ssh, (o, v) => o with { Ssh = v })
    {
        Default = [],
        Example = "default",
        Summary = "SSH agent socket or keys for RUN --mount=type=ssh: default (SSH_AUTH_SOCK) or id=path[,path] (--ssh)",
    };

    /// <summary>The <c>--build-context</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> BuildContext = new("build-context", OptionParsers.Pairs, o => o.BuildContexts, (o, v) => o with { BuildContexts = v })
    {
        Default = [],
        Example = "shared=../shared",
        Summary = "named build contexts name=path|docker-image://…|https://… (--build-context)",
    };

    /// <summary>The <c>--annotation</c> option (buildx 0.12+; dropped with a warning on older buildx).</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> Annotation = new("annotation", OptionParsers.Pairs, o => o.Annotations, (o, v) => o with { Annotations = v })
    {
        Default = [],
        Example = "org.opencontainers.image.vendor=Example",
        Summary = "image annotations [type:]key=value (--annotation; type index, manifest, …), buildx 0.12+",
    };

    /// <summary>The <c>--provenance</c> option.</summary>
    public static readonly OptionDescriptor<string?> Provenance = new("provenance", OptionParsers.OptionalText, o => o.Provenance, (o, v) => o with { Provenance = v })
    {
        Default = null,
        Example = "mode=max",
        Summary = "provenance attestation (--provenance): false, true, mode=min or mode=max; unset leaves buildx's default",
    };

    /// <summary>The <c>--sbom</c> option.</summary>
    public static readonly OptionDescriptor<string?> Sbom = new("sbom", OptionParsers.OptionalText, o => o.Sbom, (o, v) => o with { Sbom = v })
    {
        Default = null,
        Example = "true",
        Summary = "SBOM attestation (--sbom): true, false or generator=image (the default generator image is pulled from Docker Hub)",
    };

    /// <summary>The <c>--no-cache</c> option.</summary>
    public static readonly OptionDescriptor<bool> NoCache = new("no-cache", OptionParsers.Flag, o => o.NoCache, (o, v) => o with { NoCache = v })
    {
        Default = false,
        Example = "true",
        Summary = "build every step anew, reading no cache (--no-cache); the cache is still written",
    };

    /// <summary>The <c>--no-cache-filter</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> NoCacheFilter = new("no-cache-filter", OptionParsers.List, o => o.NoCacheFilters, (o, v) => o with { NoCacheFilters = v })
    {
        Default = [],
        Example = "deps",
        Summary = "stages built anew, without the cache (--no-cache-filter); not with no-cache",
    };

    /// <summary>The <c>--pull</c> option.</summary>
    public static readonly OptionDescriptor<bool> Pull = new("pull", OptionParsers.Flag, o => o.Pull, (o, v) => o with { Pull = v })
    {
        Default = false,
        Example = "true",
        Summary = "always pull the images FROM names, even when the builder has them (--pull)",
    };

    /// <summary>The <c>--network</c> option.</summary>
    public static readonly OptionDescriptor<string?> Network = new("network", OptionParsers.OptionalText, o => o.Network, (o, v) => o with { Network = v })
    {
        Default = null,
        Example = "none",
        Summary = "network of RUN steps (--network): default, none or host (host needs a builder allowing network.host)",
    };

    /// <summary>The <c>--add-host</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> AddHost = new("add-host", OptionParsers.List, o => o.AddHosts, (o, v) => o with { AddHosts = v })
    {
        Default = [],
        Example = "db.internal:10.0.0.5",
        Summary = "host:ip entries for /etc/hosts of RUN steps (--add-host); ip an IPv4 or IPv6 address or host-gateway",
    };

    /// <summary>The <c>--ulimit</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>> Ulimit = new("ulimit", OptionParsers.Pairs, o => o.Ulimits, (o, v) => o with { Ulimits = v })
    {
        Default = [],
        Example = "nofile=1024:2048",
        Summary = "ulimits of RUN steps name=soft[:hard] (--ulimit), soft at most hard",
    };

    /// <summary>The <c>--shm-size</c> option.</summary>
    public static readonly OptionDescriptor<string?> ShmSize = new("shm-size", OptionParsers.OptionalText, o => o.ShmSize, (o, v) => o with { ShmSize = v })
    {
        Default = null,
        Example = "256m",
        Summary = "size of /dev/shm in RUN steps (--shm-size), e.g. 256m or 1g, at most 1t",
    };

    /// <summary>The <c>--lint-fail-on-warnings</c> option.</summary>
    public static readonly OptionDescriptor<bool> LintFailOnWarnings = new("lint-fail-on-warnings", OptionParsers.Flag, o => o.LintFailOnWarnings, (o, v) => o with { LintFailOnWarnings = v })
    {
        Default = false,
        Example = "true",
        Summary = "the Lint task (docker buildx build --call=check, buildx 0.15+) fails when the Dockerfile has check warnings; without it they are logged as warnings",
    };

    /// <summary>The <c>--registry</c> option.</summary>
    public static readonly OptionDescriptor<string?> Registry = new("registry", OptionParsers.OptionalText, o => o.Registry, (o, v) => o with { Registry = v })
    {
        Default = null,
        Example = "registry.example.com",
        Summary = "registry host[:port] the registry-user/password log in to",
        DefaultDescription = "the image's registry",
        CiVariable = "CI_REGISTRY",
    };

    /// <summary>The <c>--registry-user</c> option.</summary>
    public static readonly OptionDescriptor<string?> RegistryUser = new("registry-user", OptionParsers.OptionalText, o => o.RegistryUser, (o, v) => o with { RegistryUser = v })
    {
        Default = null,
        Example = "deploy-bot",
        Summary = "user for the registry",
        CiVariable = "CI_REGISTRY_USER",
    };

    /// <summary>The <c>--registry-password</c> option.</summary>
    public static readonly OptionDescriptor<Secret?> RegistryPassword = new("registry-password", OptionParsers.Secret, o => o.RegistryPassword, (o, v) => o with { RegistryPassword = v })
    {
        Default = null,
        Example = "…",
        Summary = "password or token for the registry (secret)",
        CiVariable = "CI_REGISTRY_PASSWORD",
        IsSecret = true,
    };

    /// <summary>The <c>--cache-registry-user</c> option.</summary>
    public static readonly OptionDescriptor<string?> CacheRegistryUser = new("cache-registry-user", OptionParsers.OptionalText, o => o.CacheRegistryUser, (o, v) => o with { CacheRegistryUser = v })
    {
        Default = null,
        Example = "cache-bot",
        Summary = "user for the cache repository's registry when it differs from the image's",
    };

    /// <summary>The <c>--cache-registry-password</c> option.</summary>
    public static readonly OptionDescriptor<Secret?> CacheRegistryPassword = new("cache-registry-password", OptionParsers.Secret, o => o.CacheRegistryPassword, (o, v) => o with { CacheRegistryPassword = v })
    {
        Default = null,
        Example = "…",
        Summary = "password or token for the cache repository's registry (secret)",
        IsSecret = true,
    };

    /// <summary>The <c>--branch</c> option.</summary>
    public static readonly OptionDescriptor<string?> Branch = new("branch", OptionParsers.OptionalText, o => o.Branch, (o, v) => o with { Branch = v })
    {
        Default = null,
        Example = "feature/x",
        Summary = "override the branch name the refs resolver finds",
    };

    /// <summary>The <c>--sha</c> option.</summary>
    public static readonly OptionDescriptor<string?> Sha = new("sha", OptionParsers.OptionalText, o => o.Sha, (o, v) => o with { Sha = v })
    {
        Default = null,
        Example = "0123456789abcdef0123456789abcdef01234567",
        Summary = "override the commit sha the refs resolver finds",
    };

    /// <summary>The <c>--default-branch</c> option.</summary>
    public static readonly OptionDescriptor<string?> DefaultBranch = new("default-branch", OptionParsers.OptionalText, o => o.DefaultBranch, (o, v) => o with { DefaultBranch = v })
    {
        Default = null,
        Example = "main",
        Summary = "override the default branch the refs resolver finds",
    };

    /// <summary>The <c>--progress</c> option.</summary>
    public static readonly OptionDescriptor<string?> Progress = new("progress", OptionParsers.OptionalText, o => o.Progress, (o, v) => o with { Progress = v })
    {
        Default = null,
        Example = "plain",
        Summary = "buildx progress output: auto, plain, tty, quiet or rawjson",
    };

    /// <summary>The <c>--metadata-file</c> option.</summary>
    public static readonly OptionDescriptor<string?> MetadataFile = new("metadata-file", OptionParsers.OptionalText, o => o.MetadataFile, (o, v) => o with { MetadataFile = v })
    {
        Default = null,
        Example = "build-metadata.json",
        Summary = "file buildx writes the build result metadata to (--metadata-file)",
    };

    /// <summary>The <c>--check-cache-refs</c> option.</summary>
    public static readonly OptionDescriptor<bool> CheckCacheRefs = new("check-cache-refs", OptionParsers.Flag, o => o.CheckCacheRefs, (o, v) => o with { CheckCacheRefs = v })
    {
        Default = true,
        Example = "false",
        Summary = "ask the registry which cache-from refs exist before the build and pass only those",
    };

    /// <summary>
    /// The <c>--cache-promote</c> option: write the cache to a commit ref and copy it to the branch ref only when the
    /// commit the branch ref holds is an ancestor (a cache that never goes backwards). Off by default: it needs the
    /// git history in the clone (GitHub's default checkout has one commit) and leaves one tag per commit until the
    /// registry prune removes it.
    /// </summary>
    public static readonly OptionDescriptor<bool> CachePromote = new("cache-promote", OptionParsers.Flag, o => o.CachePromote, (o, v) => o with { CachePromote = v })
    {
        Default = false,
        Example = "true",
        Summary = "race-free cache: write the cache to <slug>-<short sha>, then copy it to the branch ref only when the commit that ref holds is an ancestor of this one (never backwards); needs the git history (GIT_DEPTH: 0, fetch-depth: 0)",
    };

    /// <summary>
    /// The <c>--explain-cache-miss</c> option: when a warm build still runs steps, name the first one and its likely cause
    /// (a changed build argument or base image, a <c>.git</c> copied with the context), comparing with the record of what
    /// the cache was written with, which the build puts on the cache ref it writes.
    /// </summary>
    public static readonly OptionDescriptor<bool> ExplainCacheMiss = new("explain-cache-miss", OptionParsers.Flag, o => o.ExplainCacheMiss, (o, v) => o with { ExplainCacheMiss = v })
    {
        Default = true,
        Example = "false",
        Summary = "when a warm build runs steps, name the first and its likely cause (build argument, base image, .git in the context); records base-image digests, and with cache-record-key keyed digests of the declared, non-secret build arguments, on the cache ref written",
    };

    /// <summary>
    /// The <c>--cache-mounts</c> option: which <c>RUN --mount=type=cache</c> folders of the stages built are carried
    /// through the registry (see <see cref="Policy.CacheMountPolicy"/>). <c>none</c> by default: the fill before the build
    /// pulls the stage's base image and copies the whole folder on every run, which costs more than it saves unless the
    /// dependency download is slow (see docs/cache-mounts.md).
    /// </summary>
    public static readonly OptionDescriptor<string> CacheMounts = new("cache-mounts", OptionParsers.Text, o => o.CacheMounts, (o, v) => o with { CacheMounts = v })
    {
        Default = "none",
        Example = "nuget,npm",
        Summary = "cache mounts (RUN --mount=type=cache) kept in the cache repository between runners: auto (every one of the stages built), none, or mount ids separated by commas",
    };

    /// <summary>The <c>--cache-mount-max-size</c> option: a mount whose content is larger is not exported (a warning says so).</summary>
    public static readonly OptionDescriptor<string> CacheMountMaxSize = new("cache-mount-max-size", OptionParsers.Text, o => o.CacheMountMaxSize, (o, v) => o with { CacheMountMaxSize = v })
    {
        Default = "1GB",
        Example = "500MB",
        Summary = "largest cache mount content exported to the registry (B, KB, MB, GB; powers of 1024); a larger one is left unexported with a warning",
    };

    /// <summary>
    /// The <c>--cache-record-key</c> option: the key of the build-argument digests in the cache record. Anyone who can pull
    /// reads the record, so a plain digest of a value would confirm a guess of it; only a key they do not have prevents that.
    /// </summary>
    public static readonly OptionDescriptor<Secret?> CacheRecordKey = new("cache-record-key", OptionParsers.Secret, o => o.CacheRecordKey, (o, v) => o with { CacheRecordKey = v })
    {
        Default = null,
        Example = "…",
        Summary = "key (32 or more random characters, a masked CI variable) of the build-argument digests the cache record keeps for explain-cache-miss; without it no build argument is recorded (secret)",
        IsSecret = true,
    };

    /// <summary>The <c>--require-cache-hit</c> option.</summary>
    public static readonly OptionDescriptor<int?> RequireCacheHit = new("require-cache-hit", OptionParsers.Percent, o => o.RequireCacheHit, (o, v) => o with { RequireCacheHit = v })
    {
        Default = null,
        Example = "80",
        Summary = "fail a warm build (one that imported a cache ref) whose steps came from the cache less than this percent",
    };

    /// <summary>The <c>--registry-flavor</c> option.</summary>
    public static readonly OptionDescriptor<RegistryFlavor> RegistryFlavor = new("registry-flavor", OptionParsers.Choice<RegistryFlavor>, o => o.RegistryFlavor, (o, v) => o with { RegistryFlavor = v })
    {
        Default = Options.RegistryFlavor.Generic,
        Example = "ecr",
        Summary = "cache-to options the cache registry needs: generic, gitlab, ghcr, ecr or harbor",
    };

    /// <summary>The <c>--prune-until</c> option.</summary>
    public static readonly OptionDescriptor<string?> PruneUntil = new("prune-until", OptionParsers.OptionalText, o => o.PruneUntil, (o, v) => o with { PruneUntil = v })
    {
        Default = null,
        Example = "72h",
        Summary = "PruneCache removes cache older than this Go duration (--filter until=)",
    };

    /// <summary>
    /// The <c>--prune-reserved-space</c> option, formerly <c>--prune-keep-storage</c>: buildx 0.18 renamed <c>--keep-storage</c>
    /// to <c>--reserved-space</c>, and both fill the same field of BuildKit's prune request.
    /// </summary>
    public static readonly OptionDescriptor<string?> PruneReservedSpace = new("prune-reserved-space", OptionParsers.OptionalText, o => o.PruneReservedSpace, (o, v) => o with { PruneReservedSpace = v })
    {
        Default = null,
        Example = "10GB",
        Summary = "PruneCache prunes the builder's cache down to this size, never below (--reserved-space; --keep-storage before buildx 0.18)",
        Aliases = ["prune-keep-storage"],
    };

    /// <summary>The <c>--prune-max-used-space</c> option.</summary>
    public static readonly OptionDescriptor<string?> PruneMaxUsedSpace = new("prune-max-used-space", OptionParsers.OptionalText, o => o.PruneMaxUsedSpace, (o, v) => o with { PruneMaxUsedSpace = v })
    {
        Default = null,
        Example = "20GB",
        Summary = "PruneCache prunes until the builder's cache uses at most this much (--max-used-space; buildx 0.18 and BuildKit 0.17 or later)",
    };

    /// <summary>The <c>--prune-min-free-space</c> option.</summary>
    public static readonly OptionDescriptor<string?> PruneMinFreeSpace = new("prune-min-free-space", OptionParsers.OptionalText, o => o.PruneMinFreeSpace, (o, v) => o with { PruneMinFreeSpace = v })
    {
        Default = null,
        Example = "5GB",
        Summary = "PruneCache prunes until the builder's disk has this much free (--min-free-space; buildx 0.18 and BuildKit 0.17 or later)",
    };

    /// <summary>The <c>--prune-remove-builder</c> option.</summary>
    public static readonly OptionDescriptor<bool> PruneRemoveBuilder = new("prune-remove-builder", OptionParsers.Flag, o => o.PruneRemoveBuilder, (o, v) => o with { PruneRemoveBuilder = v })
    {
        Default = false,
        Example = "true",
        Summary = "PruneCache removes the builder afterwards",
    };

    /// <summary>The <c>--logout</c> option.</summary>
    public static readonly OptionDescriptor<bool?> Logout = new("logout", OptionParsers.OptionalFlag, o => o.Logout, (o, v) => o with { Logout = v })
    {
        Default = null,
        Example = "false",
        Summary = "at the end of the run, log out of the registries this run logged in to",
        DefaultDescription = "CI: true; local: false",
    };

    /// <summary>The <c>--prune-registry</c> option.</summary>
    public static readonly OptionDescriptor<bool> PruneRegistry = new("prune-registry", OptionParsers.Flag, o => o.PruneRegistry, (o, v) => o with { PruneRegistry = v })
    {
        Default = false,
        Example = "true",
        Summary = "PruneCache deletes stale cache tags from the cache repository in the registry instead of pruning the builder (a dry run without --confirm)",
    };

    /// <summary>The <c>--cache-max-age</c> option.</summary>
    public static readonly OptionDescriptor<string?> CacheMaxAge = new("cache-max-age", OptionParsers.OptionalText, o => o.CacheMaxAge, (o, v) => o with { CacheMaxAge = v })
    {
        Default = null,
        Example = "168h",
        Summary = "registry prune: cache tags written longer ago than this duration go too (168h, 30m; days as hours)",
    };

    /// <summary>The <c>--confirm</c> option.</summary>
    public static readonly OptionDescriptor<bool> Confirm = new("confirm", OptionParsers.Flag, o => o.Confirm, (o, v) => o with { Confirm = v })
    {
        Default = false,
        Example = "true",
        Summary = "registry prune: delete for real; without it the prune only lists what would go",
    };

    /// <summary>The <c>--live-branches</c> option.</summary>
    public static readonly OptionDescriptor<IReadOnlyList<string>> LiveBranches = new("live-branches", OptionParsers.List, o => o.LiveBranches, (o, v) => o with { LiveBranches = v })
    {
        Default = [],
        Example = "main,feature/x",
        Summary = "registry prune: the branches that exist (caches of others go); the default branch always counts",
        DefaultDescription = "git ls-remote --heads origin",
    };

    /// <summary>
    /// The options an image declared in cake.config sets for itself (<c>[Buildx.Image.NAME]</c>, same keys as under
    /// <c>[Buildx]</c>); every other option is the run's, shared by its images.
    /// </summary>
    public static IReadOnlyList<OptionDescriptor> PerImage { get; } = [Image, Dockerfile, Context, Stage, Platform, Tag, BuildArg];

    /// <summary>Every option, in the order they are declared above: the order the reader, Plan and the table use.</summary>
    public static IReadOnlyList<OptionDescriptor> All { get; } =
    [
        .. typeof(OptionCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => typeof(OptionDescriptor).IsAssignableFrom(field.FieldType))
            .OrderBy(field => field.MetadataToken)
            .Select(field => (OptionDescriptor)field.GetValue(null)!),
    ];
}
