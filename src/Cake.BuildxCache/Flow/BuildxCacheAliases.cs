using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The flow as aliases, for a script's own tasks: each call resolves the options, refs and plan from its settings
/// (by default as the tasks do: arguments, <c>BUILDX_*</c> environment, <c>cake.config</c>, CI) and runs one part.
/// Push or load is an option (<see cref="BuildxCacheOptions.Push"/>), never the target's name.
/// </summary>
[CakeAliasCategory("BuildxCache")]
public static class BuildxCacheAliases
{
    /// <summary>Reads the options as the tasks do, to change some and pass them on in <see cref="BuildxCacheSettings.Options"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The options as read (not yet validated or completed by CI and local defaults).</returns>
    [CakeMethodAlias]
    public static BuildxCacheOptions BuildxCacheReadOptions(this ICakeContext context) => CakeOptionSources.ReadOptions(context);

    /// <summary>Plans the run and prints it (refs, options, cache refs, tags and every command line, secrets redacted); runs no docker.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="BuildxCacheOptionsException">After printing, when the options have problems.</exception>
    [CakeMethodAlias]
    public static RunPlan BuildxCachePlan(this ICakeContext context, BuildxCacheSettings? settings = null)
    {
        var run = new BuildxCacheRun(context, settings);
        run.PrintPlan();
        return run.Plan;
    }

    /// <summary>Reuses the builder when it matches the plan, else (re)creates and bootstraps it.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    [CakeMethodAlias]
    public static void BuildxCacheEnsureBuilder(this ICakeContext context, BuildxCacheSettings? settings = null) =>
        new BuildxCacheRun(context, settings).EnsureBuilder();

    /// <summary>Logs in to the image and cache registries (password on stdin; skipped locally without credentials).</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    [CakeMethodAlias]
    public static void BuildxCacheLogin(this ICakeContext context, BuildxCacheSettings? settings = null) =>
        new BuildxCacheRun(context, settings).Login();

    /// <summary>
    /// Builds with the registry cache: pushes when <see cref="BuildxCacheOptions.Push"/> is true (or unset in CI), else
    /// loads into the local engine; writes the cache ref when writable; reports what the cache did.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    /// <returns>The digest, tags and cache report.</returns>
    [CakeMethodAlias]
    public static BuildOutcome BuildxCacheBuild(this ICakeContext context, BuildxCacheSettings? settings = null) =>
        new BuildxCacheRun(context, settings).BuildAsync().GetAwaiter().GetResult();

    /// <summary>Builds with the registry cache and pushes (unless push=false or a fork's merge request), then prunes the builder when a limit is set.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    /// <returns>The digest, tags and cache report.</returns>
    [CakeMethodAlias]
    public static BuildOutcome BuildxCachePublish(this ICakeContext context, BuildxCacheSettings? settings = null) =>
        new BuildxCacheRun(context, settings).PublishAsync().GetAwaiter().GetResult();

    /// <summary>Prunes the builder's local cache, or with <c>--prune-registry</c> the registry's stale cache tags.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    [CakeMethodAlias]
    public static void BuildxCachePrune(this ICakeContext context, BuildxCacheSettings? settings = null) =>
        new BuildxCacheRun(context, settings).PruneAsync().GetAwaiter().GetResult();

    /// <summary>Logs out of every registry of the plan that has credentials (those <see cref="BuildxCacheLogin"/> logged in to).</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings; null reads the options as the tasks do.</param>
    [CakeMethodAlias]
    public static void BuildxCacheLogout(this ICakeContext context, BuildxCacheSettings? settings = null)
    {
        var run = new BuildxCacheRun(context, settings);
        RegistryLogins.LogOut(run, run.Plan.Registries.Where(registry => registry.HasCredentials).Select(registry => registry.Host));
    }
}
