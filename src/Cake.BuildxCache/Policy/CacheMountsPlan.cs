namespace Cake.BuildxCache.Policy;

/// <summary>
/// The cache mounts a build carries (<see cref="CacheMountPolicy"/>) and what the helper builds that fill them before the
/// build and copy them out after it run with.
/// </summary>
/// <param name="Mounts">The mounts carried.</param>
/// <param name="GlobalArgs">The Dockerfile's <c>ARG</c> lines before its first <c>FROM</c>, repeated in the helpers' Dockerfiles.</param>
/// <param name="BuildArgs">The build's arguments those lines declare (a base image may be <c>FROM ${BASE}</c>).</param>
/// <param name="Builder">The builder: a cache mount lives in one builder, keyed by its id.</param>
/// <param name="MaxBytes">The largest content exported (<c>--cache-mount-max-size</c>).</param>
/// <param name="Compression">The mount images' layer compression (the layer cache's).</param>
/// <param name="ReadOnlyReason">Why no mount is exported (a fork, read-only), or null when changed ones are.</param>
/// <param name="Notes">Why: which mounts, which not.</param>
internal sealed record CacheMountsPlan(
    IReadOnlyList<CacheMountPlan> Mounts,
    IReadOnlyList<string> GlobalArgs,
    IReadOnlyList<KeyValuePair<string, string>> BuildArgs,
    string Builder,
    long MaxBytes,
    string Compression,
    string? ReadOnlyReason,
    IReadOnlyList<string> Notes)
{
    /// <summary>A plan that carries nothing.</summary>
    /// <param name="why">Why.</param>
    /// <returns>The plan.</returns>
    public static CacheMountsPlan Nothing(string why) => new([], [], [], string.Empty, 0, "zstd", null, ["cache mounts: " + why]) { IsNothing = true };

    /// <summary>True when the build carries no mount for a reason Plan need not show (none declared, <c>--cache-mounts=none</c>).</summary>
    public bool IsNothing { get; init; }
}
