using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Plans a run: pure, from the refs, the options, the docker endpoint, the build time and the tasks that will
/// run. Whether the build pushes comes from whether Publish is among the tasks that run (a consumer's own
/// target depending on Publish pushes too), not from the literal <c>--target</c>.
/// </summary>
internal static class RunPlanner
{
    /// <summary>The name of the task that pushes.</summary>
    public const string PublishTask = "Publish";

    /// <summary>Plans the run.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options, read and configured.</param>
    /// <param name="host">The docker endpoint (for a TLS context).</param>
    /// <param name="created">The build's timestamp.</param>
    /// <param name="tasksToRun">The names of the tasks that will run, dependencies included.</param>
    /// <returns>The run plan, and the options the build is planned with (Publish's when it runs).</returns>
    public static (RunPlan Plan, BuildxCacheOptions Options) Plan(GitRefInfo refs, BuildxCacheOptions options, DockerHostInfo host, DateTimeOffset created, IEnumerable<string> tasksToRun)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tasksToRun);
        var publishOptions = PublishPolicy.Apply(options, refs);
        var publishes = tasksToRun.Contains(PublishTask, StringComparer.OrdinalIgnoreCase);
        var runOptions = publishes ? publishOptions : options;
        var build = BuildPlanner.Plan(refs, runOptions, created);
        var builder = BuilderPolicy.Plan(runOptions, host);
        var plan = new RunPlan(refs, build, builder, BuildPlanner.Plan(refs, publishOptions, created))
        {
            BuilderPrune = new BuilderPruneSteps(builder, runOptions.PruneUntil, runOptions.PruneKeepStorage, runOptions.PruneRemoveBuilder),
            PruneRegistry = runOptions.PruneRegistry,
            RegistryPrune = runOptions.PruneRegistry ? RegistryPrunePlan.Steps(runOptions, refs, build.CacheRepo) : [],
            BuilderPruneRefusal = runOptions.PruneRegistry ? null : RegistryOnlyOptions(runOptions),
            PruneAfterPublish = runOptions.PruneUntil is not null || runOptions.PruneKeepStorage is not null,
            Teardown = runOptions.Logout
                ? [.. build.Registries.Where(registry => registry.HasCredentials).Select(registry => new PlanStep(DockerCommands.Logout(registry.Host)))]
                : [],
        };
        return (plan, runOptions);
    }

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
