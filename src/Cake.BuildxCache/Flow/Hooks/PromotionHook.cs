using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary><c>--cache-promote</c>: after the build wrote its commit ref (and its record), promotes it to the branch ref.</summary>
/// <param name="run">The run.</param>
/// <param name="promotion">The promotion the plan holds.</param>
internal sealed class PromotionHook(BuildxCacheRun run, CachePromotion promotion) : BuildHook
{
    /// <inheritdoc />
    public override async Task AfterBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        build.Promotion = await CachePromotionRun.RunAsync(run, promotion, build.Plan.CacheTo?.IgnoreError != false, build.Inputs).ConfigureAwait(false);
    }
}
