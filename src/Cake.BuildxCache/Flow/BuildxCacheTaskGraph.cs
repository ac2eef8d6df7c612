using Cake.BuildxCache.Options;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The module's tasks and their dependencies, declared once: a script registers them with
/// <see cref="BuildxCacheTaskAliases.BuildxCacheTasks"/>, and the Frosting-style host's task classes carry the same
/// names, descriptions and dependencies (a test holds them equal). Publish runs its own build, so whether the image
/// is pushed never depends on the target's name or on which other tasks run.
/// </summary>
internal static class BuildxCacheTaskGraph
{
    /// <summary>Every task, dependencies before dependents.</summary>
    public static IReadOnlyList<BuildxCacheTaskDefinition> All { get; } =
    [
        new(BuildxCacheTaskNames.Plan, BuildxCacheTaskDescriptions.Plan, [], Sync(run => run.PrintPlan()), OpenSection: true),
        new(BuildxCacheTaskNames.Options, BuildxCacheTaskDescriptions.Options, [], Sync(PrintOptions)),
        new(BuildxCacheTaskNames.EnsureBuilder, BuildxCacheTaskDescriptions.EnsureBuilder, [], Sync(run => run.EnsureBuilder())),
        new(BuildxCacheTaskNames.Login, BuildxCacheTaskDescriptions.Login, [], Sync(run => run.Login())),
        new(BuildxCacheTaskNames.BuildWithCache, BuildxCacheTaskDescriptions.BuildWithCache, [BuildxCacheTaskNames.EnsureBuilder, BuildxCacheTaskNames.Login], run => run.BuildAsync(), OpenSection: true),
        new(BuildxCacheTaskNames.Publish, BuildxCacheTaskDescriptions.Publish, [BuildxCacheTaskNames.EnsureBuilder, BuildxCacheTaskNames.Login], run => run.PublishAsync(), OpenSection: true),
        new(BuildxCacheTaskNames.Merge, BuildxCacheTaskDescriptions.Merge, [BuildxCacheTaskNames.EnsureBuilder, BuildxCacheTaskNames.Login], run => run.MergeAsync(), OpenSection: true),
        new(BuildxCacheTaskNames.Lint, BuildxCacheTaskDescriptions.Lint, [BuildxCacheTaskNames.EnsureBuilder, BuildxCacheTaskNames.Login], Sync(run => run.Lint())),
        new(BuildxCacheTaskNames.Default, BuildxCacheTaskDescriptions.Default, [BuildxCacheTaskNames.BuildWithCache], _ => Task.CompletedTask),
        new(BuildxCacheTaskNames.PruneCache, BuildxCacheTaskDescriptions.PruneCache, [], run => run.PruneAsync()),
    ];

    /// <summary>Prints every option with its argument, environment variable, cake.config key and default, as Markdown.</summary>
    /// <param name="run">The run (only its log is used: the table needs no options read).</param>
    public static void PrintOptions(BuildxCacheRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var line in OptionTable.Markdown())
        {
            run.Log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", line);
        }
    }

    private static Func<BuildxCacheRun, Task> Sync(Action<BuildxCacheRun> action) => run =>
    {
        action(run);
        return Task.CompletedTask;
    };
}
