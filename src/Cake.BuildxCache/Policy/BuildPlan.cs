using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Everything the build will do, decided up front by <see cref="BuildPlanner"/> from the refs and the
/// options, with no I/O: the tasks turn it into docker commands and the Plan task prints it.
/// </summary>
/// <param name="Refs">Where the build stands.</param>
/// <param name="Image">The image repository (empty when none was set: validation reports it).</param>
/// <param name="CacheRepo">The cache repository, or null without an image.</param>
/// <param name="Dockerfile">The Dockerfile (<c>--file</c>).</param>
/// <param name="Context">The build context directory.</param>
/// <param name="Target">The stage (<c>--target</c>), or null.</param>
/// <param name="Platforms">The platforms (<c>--platform</c>), empty for the builder's own.</param>
/// <param name="Tags">The full image tags (<c>registry/group/app:feature-x</c>).</param>
/// <param name="Labels">The labels, in order.</param>
/// <param name="BuildArgs">The build arguments, in order.</param>
/// <param name="CacheFrom">The <c>--cache-from</c> values, in order: at plan time the specs of <see cref="CacheFromChain"/>; at run time the build's
/// own copy of the plan holds the refs the registry check chose.</param>
/// <param name="CacheTo">The <c>--cache-to</c> value, or null when the cache is read-only.</param>
/// <param name="Output">Push, load or neither.</param>
/// <param name="Registries">The registries to log in to; a login without credentials is skipped (locally) or was refused by validation (CI).</param>
/// <param name="Builder">The builder the build runs on (<c>--builder</c>).</param>
/// <param name="CacheTagPrefix">What cache tags start with before the slug.</param>
/// <param name="MetadataFile">The file buildx writes the build's metadata to, as given (relative to the working directory).</param>
/// <param name="Progress">The progress mode asked for, or null to choose plain (rawjson when asked and supported).</param>
/// <param name="CheckCacheRefs">Ask the registry which cache-from refs exist before building and pass only those.</param>
/// <param name="RequireCacheHit">The least percent of steps a warm build must take from the cache, or null.</param>
/// <param name="Notes">Why: one human-readable line per decision.</param>
public sealed record BuildPlan(
    GitRefInfo Refs,
    string Image,
    string? CacheRepo,
    string Dockerfile,
    string Context,
    string? Target,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> Tags,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> BuildArgs,
    IReadOnlyList<CacheSpec> CacheFrom,
    CacheSpec? CacheTo,
    OutputMode Output,
    IReadOnlyList<BuildRegistry> Registries,
    string Builder,
    string CacheTagPrefix,
    string MetadataFile,
    string? Progress,
    bool CheckCacheRefs,
    int? RequireCacheHit,
    IReadOnlyList<string> Notes)
{
    /// <summary>The pass-through features: secrets, SSH, build contexts, attestations and the rest.</summary>
    public BuildFeatures Features { get; init; } = BuildFeatures.None;

    /// <summary>
    /// The cache-from chain as <see cref="CacheRefPolicy"/> built it, each ref with its role (own, merged branch, merge request
    /// target, default branch): what the ref check (<see cref="Registry.CacheFromPolicy.Select"/>) chooses from.
    /// </summary>
    internal IReadOnlyList<CacheFromCandidate> CacheFromChain { get; init; } = [];

    /// <summary>Why <see cref="Output"/> is what it is (<see cref="OutputPolicy"/>): <c>GitLab</c>, <c>local run</c>, <c>Publish</c>.</summary>
    internal string OutputReason { get; init; } = string.Empty;

    /// <summary>Why the build writes no registry cache (<see cref="CacheTo"/> is null): a fork's merge request, a local run, …; null when it writes one.</summary>
    internal string? CacheReadOnlyReason { get; init; }

    /// <summary>The cache scope every cache ref of this build carries after the slug, and why (none: the tag is the slug).</summary>
    public CacheScope CacheScope { get; init; } = new(null, "no --stage and no single --platform", false);

    /// <summary>The image's time (<see cref="ImageTimePolicy"/>), or null when the plan was not made by <see cref="BuildPlanner"/>.</summary>
    public ImageTime? Time { get; init; }

    /// <summary>
    /// The race-free cache mode (<c>--cache-promote</c>): <see cref="CacheTo"/> is then the commit ref, copied to the
    /// branch ref after the build when that ref holds an ancestor; null when the build writes the branch ref itself.
    /// </summary>
    internal CachePromotion? Promotion { get; init; }

    /// <summary>
    /// True when a warm build that runs steps names the first and its likely cause (<c>--explain-cache-miss</c>): the
    /// cache-from refs' records are read with the ref check, and the cache ref written gets a record.
    /// </summary>
    internal bool ExplainsCacheMiss { get; init; }

    /// <summary>True when the Dockerfile's cache mounts may be carried through the registry (<c>--cache-mounts</c> is not <c>none</c>).</summary>
    internal bool CarriesCacheMounts { get; init; }

    /// <summary>
    /// The one platform a fan-out job (<c>--fan-out</c>) builds, or null for an ordinary build. A fan-out build that
    /// pushes does so by digest only (<see cref="PushesByDigest"/>): no tag moves; the Merge task joins the platforms.
    /// </summary>
    public string? FanOutPlatform { get; init; }

    /// <summary>True when the image is pushed by digest only, without tags (a fan-out job's push).</summary>
    public bool PushesByDigest => FanOutPlatform is not null && Output == OutputMode.Push;

    /// <summary>
    /// One cache per platform (<see cref="PlatformCachePolicy"/>) for a build of several platforms on several nodes: the
    /// build reads every platform's chain and writes no cache itself; a cache-only build per platform writes each. Empty
    /// for every other build.
    /// </summary>
    internal IReadOnlyList<PlatformCache> PlatformCaches { get; init; } = [];

    /// <summary>True for a cache-only build (<c>--output=type=cacheonly</c>): a platform's cache export after a multi-node build.</summary>
    internal bool CacheOnly { get; init; }

    /// <summary>True when the build writes the registry cache.</summary>
    public bool WritesCache => CacheTo is not null;

    /// <summary>The cache-only builds after this one, one per platform that writes a cache ref (<see cref="PlatformCaches"/>).</summary>
    internal IReadOnlyList<BuildPlan> CacheExports =>
        [.. PlatformCaches.Where(cache => cache.To is not null).Select(cache => PlatformCachePolicy.ExportPlan(this, cache))];
}
