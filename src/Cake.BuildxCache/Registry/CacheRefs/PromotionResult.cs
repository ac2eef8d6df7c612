using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>What a promotion did.</summary>
/// <param name="Decision">The last decision (the one that ended it), or null when the commit ref was not there to promote.</param>
/// <param name="Promoted">True when the branch ref now holds this commit's cache (read back after the write).</param>
/// <param name="Digest">The digest written under the branch ref, or null.</param>
/// <param name="Elapsed">The promotion's time, from reading the commit ref to reading the branch ref back.</param>
/// <param name="Log">What happened, one line each, for the log and the report.</param>
internal sealed record PromotionResult(PromotionDecision? Decision, bool Promoted, string? Digest, TimeSpan Elapsed, IReadOnlyList<string> Log);
