namespace Cake.BuildxCache.Options;

/// <summary>Every option <see cref="BuildxCacheOptions"/> reads, with its names, default and purpose.</summary>
public static class OptionCatalog
{
    /// <summary><c>image</c>: the image repository, without tag (CI default: CI_REGISTRY_IMAGE).</summary>
    public static readonly OptionDescriptor Image = new("image", "registry.example.com/group/app", "", "image repository without tag or digest") { CiVariable = "CI_REGISTRY_IMAGE" };

    /// <summary><c>cache-repo</c>: where cache refs live.</summary>
    public static readonly OptionDescriptor CacheRepo = new("cache-repo", "registry.example.com/group/app/cache", "<image>/cache", "repository the registry cache refs live in, without tag");

    /// <summary><c>cache-tag-prefix</c>: put before the slug in cache tags.</summary>
    public static readonly OptionDescriptor CacheTagPrefix = new("cache-tag-prefix", "cache-", "", "prefix of cache tags (cache tag = prefix + ref slug); with --cache-repo=<image> gives <image>:cache-<slug>");

    /// <summary><c>dockerfile</c>.</summary>
    public static readonly OptionDescriptor Dockerfile = new("dockerfile", "docker/app.Dockerfile", "Dockerfile", "Dockerfile path (--file)");

    /// <summary><c>context</c>.</summary>
    public static readonly OptionDescriptor Context = new("context", "src/app", ".", "build context directory");

    /// <summary><c>target</c>.</summary>
    public static readonly OptionDescriptor Stage = new("stage", "runtime", "", "Dockerfile stage to build (buildx --target; named stage because --target picks the Cake task)");

    /// <summary><c>platform</c>.</summary>
    public static readonly OptionDescriptor Platform = new("platform", "linux/amd64,linux/arm64", "", "target platforms os/arch[/variant], comma separated (--platform)") { IsList = true };

    /// <summary><c>builder</c>.</summary>
    public static readonly OptionDescriptor Builder = new("builder", "buildx-cache", BuildxCacheOptions.DefaultBuilder, "buildx builder name to reuse or create");

    /// <summary><c>builder-driver</c>.</summary>
    public static readonly OptionDescriptor BuilderDriver = new("builder-driver", "docker-container", BuildxCacheOptions.DefaultBuilderDriver, "buildx driver of the builder: docker-container, kubernetes, remote or docker");

    /// <summary><c>driver-opt</c>.</summary>
    public static readonly OptionDescriptor DriverOpt = new("driver-opt", "network=host", "", "builder driver options key=value (--driver-opt), several") { IsList = true };

    /// <summary><c>buildkitd-config</c>.</summary>
    public static readonly OptionDescriptor BuildkitdConfig = new("buildkitd-config", "buildkitd.toml", "", "buildkitd.toml for the builder (--buildkitd-config, --config on old buildx)");

    /// <summary><c>cache-mode</c>.</summary>
    public static readonly OptionDescriptor CacheMode = new("cache-mode", "max", "max", "cache export mode: min (final stage only) or max (every stage)");

    /// <summary><c>cache-readonly</c>.</summary>
    public static readonly OptionDescriptor CacheReadOnly = new("cache-readonly", "true", "CI: false; local: true unless pushing; fork MR: always true", "read the cache but never write it (no --cache-to)");

    /// <summary><c>cache-ignore-error</c>.</summary>
    public static readonly OptionDescriptor CacheIgnoreError = new("cache-ignore-error", "true", "true", "a cache that cannot be written does not fail the build (ignore-error=)");

    /// <summary><c>cache-image-manifest</c>.</summary>
    public static readonly OptionDescriptor CacheImageManifest = new("cache-image-manifest", "true", "", "write the cache as an OCI image manifest (image-manifest=), for registries that need it");

    /// <summary><c>cache-oci-mediatypes</c>.</summary>
    public static readonly OptionDescriptor CacheOciMediaTypes = new("cache-oci-mediatypes", "true", "", "use OCI media types in the cache (oci-mediatypes=)");

    /// <summary><c>cache-compression</c>.</summary>
    public static readonly OptionDescriptor CacheCompression = new("cache-compression", "zstd", "", "cache layer compression: gzip, estargz, zstd or uncompressed (compression=)");

    /// <summary><c>push</c>.</summary>
    public static readonly OptionDescriptor Push = new("push", "true", "CI: true (not for fork MRs); local: false", "push the image (--push); never together with --load");

    /// <summary><c>load</c>.</summary>
    public static readonly OptionDescriptor Load = new("load", "true", "true when not pushing", "load the image into the local engine (--load); never together with --push");

    /// <summary><c>tag-branch</c>.</summary>
    public static readonly OptionDescriptor TagBranch = new("tag-branch", "false", "true", "tag the image with the branch slug");

    /// <summary><c>tag-sha</c>.</summary>
    public static readonly OptionDescriptor TagSha = new("tag-sha", "false", "true", "tag the image with the short sha");

    /// <summary><c>tag-latest</c>.</summary>
    public static readonly OptionDescriptor TagLatest = new("tag-latest", "false", "true", "tag the image latest on the default branch");

    /// <summary><c>tag-git-tag</c>.</summary>
    public static readonly OptionDescriptor TagGitTag = new("tag-git-tag", "false", "true", "tag the image with the git tag on tag pipelines");

    /// <summary><c>tag</c>.</summary>
    public static readonly OptionDescriptor Tag = new("tag", "stable", "", "extra image tags (tags only, on the image repository), several") { IsList = true };

    /// <summary><c>label</c>.</summary>
    public static readonly OptionDescriptor Label = new("label", "com.example.team=platform", "", "extra image labels key=value, several; override the OCI labels of the same key") { IsList = true };

    /// <summary><c>build-arg</c>.</summary>
    public static readonly OptionDescriptor BuildArg = new("build-arg", "NODE_VERSION=22", "", "extra build arguments key=value, several; override GIT_COMMIT if named so") { IsList = true };

    /// <summary><c>title</c>.</summary>
    public static readonly OptionDescriptor Title = new("title", "my-app", "last path segment of the image", "org.opencontainers.image.title");

    /// <summary><c>registry</c>.</summary>
    public static readonly OptionDescriptor Registry = new("registry", "registry.example.com", "the image's registry", "registry host[:port] the registry-user/password log in to") { CiVariable = "CI_REGISTRY" };

    /// <summary><c>registry-user</c>.</summary>
    public static readonly OptionDescriptor RegistryUser = new("registry-user", "deploy-bot", "", "user for the registry") { CiVariable = "CI_REGISTRY_USER" };

    /// <summary><c>registry-password</c> (secret).</summary>
    public static readonly OptionDescriptor RegistryPassword = new("registry-password", "…", "", "password or token for the registry (secret)") { CiVariable = "CI_REGISTRY_PASSWORD", IsSecret = true };

    /// <summary><c>cache-registry-user</c>.</summary>
    public static readonly OptionDescriptor CacheRegistryUser = new("cache-registry-user", "cache-bot", "", "user for the cache repository's registry when it differs from the image's");

    /// <summary><c>cache-registry-password</c> (secret).</summary>
    public static readonly OptionDescriptor CacheRegistryPassword = new("cache-registry-password", "…", "", "password or token for the cache repository's registry (secret)") { IsSecret = true };

    /// <summary><c>branch</c>.</summary>
    public static readonly OptionDescriptor Branch = new("branch", "feature/x", "", "override the branch name the refs resolver finds");

    /// <summary><c>sha</c>.</summary>
    public static readonly OptionDescriptor Sha = new("sha", "0123456789abcdef0123456789abcdef01234567", "", "override the commit sha the refs resolver finds");

    /// <summary><c>default-branch</c>.</summary>
    public static readonly OptionDescriptor DefaultBranch = new("default-branch", "main", "", "override the default branch the refs resolver finds");

    /// <summary><c>progress</c>.</summary>
    public static readonly OptionDescriptor Progress = new("progress", "plain", "", "buildx progress output: auto, plain, tty, quiet or rawjson");

    /// <summary><c>metadata-file</c>.</summary>
    public static readonly OptionDescriptor MetadataFile = new("metadata-file", "build-metadata.json", "", "file buildx writes the build result metadata to (--metadata-file)");

    /// <summary><c>check-cache-refs</c>.</summary>
    public static readonly OptionDescriptor CheckCacheRefs = new("check-cache-refs", "false", "true", "ask the registry which cache-from refs exist before the build and pass only those");

    /// <summary><c>require-cache-hit</c>.</summary>
    public static readonly OptionDescriptor RequireCacheHit = new("require-cache-hit", "80", "", "fail a warm build (one that imported a cache ref) whose steps came from the cache less than this percent");

    /// <summary><c>registry-flavor</c>.</summary>
    public static readonly OptionDescriptor RegistryFlavor = new("registry-flavor", "ecr", "generic", "cache-to options the cache registry needs: generic, gitlab, ghcr, ecr or harbor");

    /// <summary><c>prune-until</c>.</summary>
    public static readonly OptionDescriptor PruneUntil = new("prune-until", "72h", "", "PruneCache removes cache older than this Go duration (--filter until=)");

    /// <summary><c>prune-keep-storage</c>.</summary>
    public static readonly OptionDescriptor PruneKeepStorage = new("prune-keep-storage", "10GB", "", "PruneCache keeps this much cache (--keep-storage)");

    /// <summary><c>prune-remove-builder</c>.</summary>
    public static readonly OptionDescriptor PruneRemoveBuilder = new("prune-remove-builder", "true", "false", "PruneCache removes the builder afterwards");

    /// <summary><c>logout</c>.</summary>
    public static readonly OptionDescriptor Logout = new("logout", "true", "false", "log out of the registries after publishing");

    /// <summary><c>prune-registry</c>: PruneCache prunes the registry's cache tags instead of the builder.</summary>
    public static readonly OptionDescriptor PruneRegistry = new("prune-registry", "true", "false", "PruneCache deletes stale cache tags from the cache repository in the registry instead of pruning the builder (a dry run without --confirm)");

    /// <summary><c>cache-max-age</c>: registry prune age limit.</summary>
    public static readonly OptionDescriptor CacheMaxAge = new("cache-max-age", "168h", "", "registry prune: cache tags written longer ago than this duration go too (168h, 30m; days as hours)");

    /// <summary><c>confirm</c>: the registry prune deletes.</summary>
    public static readonly OptionDescriptor Confirm = new("confirm", "true", "false", "registry prune: delete for real; without it the prune only lists what would go");

    /// <summary><c>live-branches</c>: the branches whose caches the registry prune keeps.</summary>
    public static readonly OptionDescriptor LiveBranches = new("live-branches", "main,feature/x", "git ls-remote --heads origin", "registry prune: the branches that exist (caches of others go); the default branch always counts") { IsList = true };

    /// <summary>Every option, in the order the Plan prints them.</summary>
    public static IReadOnlyList<OptionDescriptor> All { get; } =
    [
        Image, CacheRepo, CacheTagPrefix, Dockerfile, Context, Stage, Platform, Builder, BuilderDriver, DriverOpt,
        BuildkitdConfig, CacheMode, CacheReadOnly, CacheIgnoreError, CacheImageManifest, CacheOciMediaTypes,
        CacheCompression, Push, Load, TagBranch, TagSha, TagLatest, TagGitTag, Tag, Label, BuildArg, Title,
        Registry, RegistryUser, RegistryPassword, CacheRegistryUser, CacheRegistryPassword, Branch, Sha,
        DefaultBranch, Progress, MetadataFile, CheckCacheRefs, RequireCacheHit, RegistryFlavor, PruneUntil, PruneKeepStorage, PruneRemoveBuilder, Logout,
        PruneRegistry, CacheMaxAge, Confirm, LiveBranches,
    ];
}
