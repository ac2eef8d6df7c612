using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// A cache ref per platform for one build of several platforms on a builder of several nodes. buildx 0.36.1 gives every
/// node the same <c>--cache-to</c>, so the ref ends up holding only the node that exported last. Instead the main build
/// reads every platform's chain and writes no cache; after it, one cache-only build per platform
/// (<c>--platform=P --output=type=cacheonly --cache-to=P's ref</c>) goes to the node that declares P, finds every step
/// in that node's cache, and only exports. Each platform's refs are in its own scope, the one a fan-out job of that
/// platform uses (<see cref="CacheScope"/>), so the two ways share their caches. Under <c>--cache-promote</c> each
/// platform's export writes its own commit ref and promotes it to its branch ref, as a one-platform build does.
/// </summary>
internal static class PlatformCachePolicy
{
    /// <summary>Decides the per-platform caches, or none.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <param name="output">The output decision, which says whether the cache may be written.</param>
    /// <returns>One cache per platform, in <c>--platform</c>'s order, and why; empty with a null note when it does not apply.</returns>
    public static (IReadOnlyList<PlatformCache> Caches, string? Note) Decide(GitRefInfo refs, BuildxCacheOptions options, OutputDecision output)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var platforms = options.Platforms.Where(platform => platform != "local").Distinct(StringComparer.Ordinal).ToList();
        var nodes = options.BuilderNodes
            .Select(text => BuilderNodeSpec.TryParse(text, out var spec, out _) ? spec : null)
            .OfType<BuilderNodeSpec>()
            .ToList();
        if (platforms.Count < 2 || nodes.Count < 2 || options.EffectiveCacheRepo is null || options.FanOut)
        {
            return ([], null);
        }

        var routed = platforms.Where(platform => nodes.Any(node => node.Platforms.Contains(platform, StringComparer.Ordinal))).ToList();
        if (routed.Count < platforms.Count)
        {
            var unrouted = string.Join(", ", platforms.Except(routed));
            return ([], $"cache: one ref for every platform: no --builder-node declares {unrouted}, so a platform's cache-only build could not be sent to the node that built it");
        }

        if (options.CacheScope is not null)
        {
            return ([], $"cache: one ref for every platform ({options.OriginOf(OptionCatalog.CacheScope)}); with {nodes.Count} nodes it keeps only the node that exported last");
        }

        var caches = new List<PlatformCache>();
        foreach (var platform in platforms)
        {
            var one = options with { Platforms = [platform] };
            var decision = CacheRefPolicy.Decide(refs, one, output);
            var to = decision.To is { } spec ? RegistryFlavors.Apply(spec, options.RegistryFlavor).CacheTo : null;
            var (promotedTo, promotion, promotionNote) = CachePromotionPolicy.Decide(refs, options.CachePromote, options.EffectiveCacheRepo, to);
            if (promotionNote?.StartsWith(CachePromotionPolicy.RefusedNote, StringComparison.Ordinal) == true)
            {
                // The one-ref plan carries the refusal, which stops the run before anything runs.
                return ([], $"cache: one ref for every platform: {promotionNote}");
            }

            caches.Add(new PlatformCache(platform, CacheScope.Of(one).Value!, decision.From, promotedTo, promotion));
        }

        var promoted = caches.Any(cache => cache.Promotion is not null) ? ", each then promoted to " + string.Join(", ", caches.Select(cache => cache.Promotion?.BranchRef).OfType<string>()) : string.Empty;
        var written = caches.Any(cache => cache.To is not null)
            ? "; after the build, one cache-only build per platform on its node writes " + string.Join(", ", caches.Select(cache => cache.To!.Ref)) + promoted
            : "; read-only, no cache-only build";
        return (caches, $"cache per platform ({nodes.Count} nodes): the build reads {string.Join(" and ", caches.Select(cache => cache.Platform + "'s " + cache.Scope))} scope{written}");
    }

    /// <summary>
    /// The cache-only build of <paramref name="cache"/>'s platform after <paramref name="main"/>: the same build (the same
    /// steps, so the node finds each in its cache) for that platform alone, reading its chain (the steps the main build
    /// took from the registry are exported from there), writing its ref, with no image output and no tag.
    /// </summary>
    /// <param name="main">The main build's plan.</param>
    /// <param name="cache">The platform's cache.</param>
    /// <returns>The plan of the cache-only build.</returns>
    public static BuildPlan ExportPlan(BuildPlan main, PlatformCache cache)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(cache);
        return main with
        {
            Platforms = [cache.Platform],
            Tags = [],
            CacheFrom = [.. cache.From.Select(candidate => candidate.Spec)],
            CacheFromChain = cache.From,
            CacheTo = cache.To,
            Output = OutputMode.None,
            MetadataFile = ArtifactPaths.CacheExportMetadata(cache.Platform),
            CacheOnly = true,
            PlatformCaches = [],
            Promotion = cache.Promotion,
            ExplainsCacheMiss = false,
            CarriesCacheMounts = false,
            FanOutPlatform = null,
            CacheScope = new(cache.Scope, "the platform's own cache in a multi-node build", false),
        };
    }
}
