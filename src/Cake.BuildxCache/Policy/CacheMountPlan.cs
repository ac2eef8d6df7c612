namespace Cake.BuildxCache.Policy;

/// <summary>One cache mount a build carries through the registry: where its content is read from and written to.</summary>
/// <param name="Mount">The mount.</param>
/// <param name="From">The refs of its image to fill it from, the first that exists: the layer cache's chain, each with the mount's tag.</param>
/// <param name="WriteRef">Where a changed content is pushed (the branch's ref), or null when the build writes no cache.</param>
internal sealed record CacheMountPlan(CacheMountDeclaration Mount, IReadOnlyList<CacheFromCandidate> From, string? WriteRef);
