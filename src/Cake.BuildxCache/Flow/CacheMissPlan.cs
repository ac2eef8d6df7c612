using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>The Plan line of <c>--explain-cache-miss</c>: what the build will do to explain a miss.</summary>
internal static class CacheMissPlan
{
    /// <summary>The line's text.</summary>
    /// <param name="plan">The build plan.</param>
    /// <param name="hasRecordKey">True when <c>--cache-record-key</c> is set.</param>
    /// <returns>The text.</returns>
    public static string Describe(BuildPlan plan, bool hasRecordKey)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.ExplainsCacheMiss)
        {
            return "not explained (--explain-cache-miss=false)";
        }

        var read = plan.CheckCacheRefs && plan.CacheFrom.Count > 0
            ? "read the cache-from refs' records with the ref check"
            : "no record read (no cache-from ref checked)";
        var what = hasRecordKey
            ? "base-image digests and keyed digests of the declared, non-secret build arguments"
            : "base-image digests (no build argument: no cache-record-key)";
        var write = plan.CacheTo?.Ref is not { } cacheTo
            ? "nothing recorded (read-only)"
            : plan.Promotion is { } promotion
                ? $"the promotion records {what} on {promotion.BranchRef}"
                : $"record {what} on {cacheTo} when it still holds this build's cache";
        return $"name the first step a warm build runs and its likely cause (changed build argument, changed base image, .git in the context); {read}; {write}";
    }
}
