namespace Cake.BuildxCache.Miss;

/// <summary>What the build can see, for <see cref="CacheMissAnalysis"/>.</summary>
/// <param name="RanSteps">The build steps that ran (BuildKit's names), in step order.</param>
/// <param name="Dockerfile">The Dockerfile, or null when it could not be read.</param>
/// <param name="Written">What the cache ref was written with (its record).</param>
/// <param name="CacheRef">The cache ref the record was read from, or null when no imported ref had a record.</param>
/// <param name="Now">What this build was run with.</param>
/// <param name="ContextHasGit">True when the build context holds a <c>.git</c>.</param>
/// <param name="DockerignoreExcludesGit">True when the <c>.dockerignore</c> in use excludes <c>.git</c>.</param>
/// <param name="NoCache">True with <c>--no-cache</c>.</param>
/// <param name="NoCacheStages">The stages of <c>--no-cache-filter</c>.</param>
/// <param name="RecordsRead">False when the cache refs' records were not read (<c>--check-cache-refs=false</c>).</param>
internal sealed record CacheMissFacts(
    IReadOnlyList<string> RanSteps,
    DockerfileOutline? Dockerfile,
    CacheInputs Written,
    string? CacheRef,
    CacheInputs Now,
    bool ContextHasGit,
    bool DockerignoreExcludesGit,
    bool NoCache = false,
    IReadOnlyList<string>? NoCacheStages = null,
    bool RecordsRead = true);
