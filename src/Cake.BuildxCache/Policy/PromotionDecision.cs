namespace Cake.BuildxCache.Policy;

/// <summary>Whether to copy the commit's cache ref to the branch ref, and why, in words for the log and the report.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Why">One line saying why.</param>
internal sealed record PromotionDecision(PromotionVerdict Verdict, string Why)
{
    /// <summary>True when the cache is copied to the branch ref.</summary>
    public bool Promotes => Verdict is PromotionVerdict.PromoteFirst or PromotionVerdict.PromoteUnrecorded
        or PromotionVerdict.PromoteSameCommit or PromotionVerdict.PromoteAncestor or PromotionVerdict.PromoteRewritten;
}
