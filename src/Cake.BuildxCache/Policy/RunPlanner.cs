using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Plans a run: pure, from the refs, the options, the docker endpoint and the build time. It plans both builds:
/// the one Publish runs (it pushes) and the one every other build runs (push or load from the options and the refs),
/// both as <see cref="OutputPolicy"/> decides. Which one runs is the caller's choice,
/// never the target's name.
/// </summary>
internal static class RunPlanner
{
    /// <summary>Plans the run.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options, read and configured.</param>
    /// <param name="host">The docker endpoint (for a TLS context).</param>
    /// <param name="created">The build's timestamp.</param>
    /// <returns>The run plan.</returns>
    public static RunPlan Plan(GitRefInfo refs, BuildxCacheOptions options, DockerHostInfo host, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        var images = Images(refs, options, created);
        var build = images[0].Build;
        var publish = images[0].Publish;
        var builder = BuilderPolicy.Plan(options, host);
        var (logout, logoutNote) = LogoutPolicy.Decide(options, refs);
        var space = new PruneSpace(options.PruneReservedSpace, options.PruneMaxUsedSpace, options.PruneMinFreeSpace);
        return new RunPlan(refs, images, builder)
        {
            BuilderPrune = new BuilderPruneSteps(builder, options.PruneUntil, space, options.PruneRemoveBuilder),
            RegistryPrune = options.PruneRegistry ? RegistryPrunePlan.Of(options, refs, build) : null,
            BuilderPruneRefusal = options.PruneRegistry ? null : RegistryOnlyOptions(options),
            PruneAfterPublish = options.PruneUntil is not null || space.IsSet,
            Logout = logout,
            LogoutNote = logoutNote,
            LintFailOnWarnings = options.LintFailOnWarnings,
            Merge = MergePlanner.Plan(refs, publish, options),
            Bakes = options.Images.Count > 0,
            BakeLint = options.Images.Count == 0
                ? null
                : BakeLintSteps.Of(options, build.Builder) ?? new([RunPlan.BakeDefinitionPlaceholder], [BakeDefinition.DefaultGroup], build.Builder, options.LintFailOnWarnings),
        };
    }

    // Without image sections the run's one image, named after its repository; with them, each selected image.
    private static IReadOnlyList<ImageBuild> Images(GitRefInfo refs, BuildxCacheOptions options, DateTimeOffset created) =>
        [.. ImageOptions.PerImage(options).Select(own =>
        {
            var build = BuildPlanner.Plan(refs, own, created);
            return new ImageBuild(own.ImageName ?? ImageBuild.NameOf(build.Image), build, BuildPlanner.Plan(refs, own, created, publish: true));
        })];

    // Without --prune-registry these would be ignored and the builder's whole cache pruned: not what was meant.
    private static string? RegistryOnlyOptions(BuildxCacheOptions options)
    {
        var registryOnly = new (OptionDescriptor Option, bool IsSet)[]
        {
            (OptionCatalog.Confirm, options.Confirm),
            (OptionCatalog.CacheMaxAge, options.CacheMaxAge is not null),
            (OptionCatalog.LiveBranches, options.LiveBranches.Count > 0),
        }.Where(item => item.IsSet).Select(item => $"{item.Option.Name} ({options.OriginOf(item.Option)})").ToList();
        return registryOnly.Count == 0
            ? null
            : $"{string.Join(", ", registryOnly)} only apply to the registry prune: add --prune-registry (or drop them to prune the builder); nothing was pruned";
    }
}
