using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Policy;

/// <summary>What to read the registry cache from and write it to.</summary>
/// <param name="From">The <c>--cache-from</c> chain with each ref's role, most specific first, without duplicates.</param>
/// <param name="To">The <c>--cache-to</c>, or null when the cache is read-only.</param>
/// <param name="Notes">Why.</param>
/// <param name="ReadOnly">Why there is no <c>--cache-to</c>, or null when there is one.</param>
internal sealed record CacheDecision(IReadOnlyList<CacheFromCandidate> From, CacheSpec? To, IReadOnlyList<string> Notes, string? ReadOnly = null);
