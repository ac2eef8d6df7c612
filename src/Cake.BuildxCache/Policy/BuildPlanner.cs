using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Composes the policies into a <see cref="BuildPlan"/>. Pure: the same refs, options and time give the
/// same plan. It never throws on bad options (so the Plan task can print a plan next to the validation
/// problems); validate with <see cref="BuildxCacheOptionsValidator"/> before running anything.
/// </summary>
internal static class BuildPlanner
{
    /// <summary>Plans the build.</summary>
    /// <param name="refs">Where the build stands (resolved once).</param>
    /// <param name="options">The options (read once).</param>
    /// <param name="created">The build's timestamp: the image's time unless it is reproducible (<see cref="ImageTimePolicy"/>).</param>
    /// <param name="publish">True for the build Publish runs (<see cref="OutputPolicy"/>: it pushes unless told otherwise).</param>
    /// <returns>The plan.</returns>
    public static BuildPlan Plan(GitRefInfo refs, BuildxCacheOptions options, DateTimeOffset created, bool publish = false)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string> { Describe(refs) };

        var (tags, tagNotes) = TagPolicy.Decide(refs, options);
        notes.AddRange(tagNotes);
        var output = OutputPolicy.Decide(refs, options, publish);
        var cache = CacheRefPolicy.Decide(refs, options, output);
        var (platformCaches, platformNote) = PlatformCachePolicy.Decide(refs, options, output);
        if (platformCaches.Count == 0)
        {
            notes.AddRange(cache.Notes);
        }

        if (platformNote is not null)
        {
            notes.Add(platformNote);
        }
        var cacheTo = cache.To;
        if (cacheTo is not null)
        {
            (cacheTo, var flavorNote) = RegistryFlavors.Apply(cacheTo, options.RegistryFlavor);
            if (flavorNote is not null)
            {
                notes.Add(flavorNote);
            }
        }

        // With a cache per platform, each platform's cache-only build writes and promotes its own commit ref.
        var (promotedCacheTo, promotion, promotionNote) = CachePromotionPolicy.Decide(
            refs, options.CachePromote && platformCaches.Count == 0, options.EffectiveCacheRepo, cacheTo);
        cacheTo = promotedCacheTo;
        if (promotionNote is not null)
        {
            notes.Add(promotionNote);
        }

        IReadOnlyList<CacheFromCandidate> cacheFrom = cache.From;
        if (platformCaches.Count > 0)
        {
            // The main build reads every platform's chain and writes nothing: each platform's cache-only build writes its ref.
            cacheFrom = [.. platformCaches.SelectMany(platform => platform.From)];
            cacheTo = null;
        }

        notes.Add(output.Note);
        var fanOut = options.FanOut && options.Platforms.Count == 1 ? options.Platforms[0] : null;
        if (fanOut is not null && output.Image == OutputMode.Push)
        {
            notes.Add($"fan-out: {fanOut} is pushed by digest only, no tag moves (the Merge task moves {string.Join(", ", tags)} to the index of every platform)");
            tags = [];
        }

        var cacheRepo = options.EffectiveCacheRepo;
        var (registries, registryNotes) = RegistryPolicy.Decide(options, cacheRepo, refs.IsCI);
        notes.AddRange(registryNotes);
        var time = ImageTimePolicy.Decide(refs, options, created);

        return new BuildPlan(
            refs,
            options.Image?.Trim() ?? string.Empty,
            cacheRepo,
            options.Dockerfile,
            options.Context,
            options.Stage,
            options.Platforms,
            tags,
            LabelPolicy.Labels(refs, options, time.Created),
            LabelPolicy.BuildArgs(refs, options),
            [.. cacheFrom.Select(candidate => candidate.Spec)],
            cacheTo,
            output.Image,
            registries,
            options.Builder,
            options.CacheTagPrefix,
            options.MetadataFile ?? ArtifactPaths.Metadata,
            options.Progress,
            options.CheckCacheRefs,
            options.RequireCacheHit,
            notes)
        {
            CacheFromChain = cacheFrom,
            PlatformCaches = platformCaches,
            OutputReason = output.Why,
            CacheReadOnlyReason = cache.ReadOnly,
            Features = BuildFeaturesPolicy.Decide(options),
            CacheScope = CacheScope.Of(options),
            Time = time,
            Promotion = promotion,
            ExplainsCacheMiss = options.ExplainCacheMiss,
            CarriesCacheMounts = !CacheMountSelection.Of(options.CacheMounts).IsNone,
            FanOutPlatform = fanOut,
        };
    }

    private static string Describe(GitRefInfo refs)
    {
        var where = refs.Provider == CiProvider.None ? "local run" : refs.Provider.ToString();
        var what = refs.Kind switch
        {
            RefKind.Tag => $"tag {refs.RefName}",
            RefKind.Detached => $"detached HEAD at {refs.ShortSha}",
            _ when refs.TargetBranch is not null => $"{(refs.IsFork ? "fork " : string.Empty)}merge request {refs.RefName} -> {refs.TargetBranch}",
            _ => $"branch {refs.RefName}{(refs.IsDefaultBranch ? " (default branch)" : string.Empty)}",
        };
        return $"{where}: {what}, commit {refs.ShortSha}, slug '{refs.Slug}'";
    }
}
