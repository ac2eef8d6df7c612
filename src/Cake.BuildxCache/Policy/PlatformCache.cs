using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// One platform's registry cache in a multi-node build (<see cref="PlatformCachePolicy"/>): the chain the main build
/// reads for it, and the ref its cache-only export writes.
/// </summary>
/// <param name="Platform">The platform (<c>linux/386</c>).</param>
/// <param name="Scope">The cache scope of its refs (<c>linux-386</c>, or <c>runtime-linux-386</c> with a stage).</param>
/// <param name="From">Its cache-from chain, most specific first, each ref with its role.</param>
/// <param name="To">The ref its cache-only build writes (its commit ref under <c>--cache-promote</c>), or null when the cache is read-only.</param>
/// <param name="Promotion">Under <c>--cache-promote</c>, the promotion of its commit ref to its branch ref; else null.</param>
internal sealed record PlatformCache(string Platform, string Scope, IReadOnlyList<CacheFromCandidate> From, CacheSpec? To, CachePromotion? Promotion = null);
