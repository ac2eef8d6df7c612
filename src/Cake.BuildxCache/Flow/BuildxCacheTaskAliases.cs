using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Refs;
using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Flow;

/// <summary>Adds the module's tasks to a Cake script's task graph in one line.</summary>
[CakeAliasCategory("BuildxCache")]
public static class BuildxCacheTaskAliases
{
    /// <summary>
    /// Registers Plan, Options, EnsureBuilder, Login, BuildWithCache, Publish and PruneCache with their dependencies,
    /// each in a CI log section, and a teardown that logs out with <c>--logout</c>. Every task shares one run: the
    /// options, refs and plan are resolved once. Publish pushes; BuildWithCache pushes in CI and loads on a laptop.
    /// <c>Default</c> is left to the script (most scripts have one): <c>Task("Default").IsDependentOn("BuildWithCache");</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// #addin nuget:?package=Cake.BuildxCache&amp;version=1.0.0
    /// BuildxCacheTasks(Task, Teardown);
    /// Task("Release").IsDependentOn("Publish");
    /// RunTarget(Argument("target", "Plan"));
    /// </code>
    /// </example>
    /// <param name="context">The context.</param>
    /// <param name="task">The script's <c>Task</c> method.</param>
    /// <param name="teardown">The script's <c>Teardown</c> method.</param>
    /// <param name="settings">Where the options come from; null reads arguments, environment, cake.config and CI.</param>
    /// <returns>The registered tasks by name, to add criteria, dependencies or actions to.</returns>
    [CakeMethodAlias]
    public static IReadOnlyDictionary<string, CakeTaskBuilder> BuildxCacheTasks(
        this ICakeContext context,
        Func<string, CakeTaskBuilder> task,
        Action<Action<ITeardownContext>> teardown,
        BuildxCacheSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(teardown);
        var run = new BuildxCacheRun(context, settings);
        var registered = new Dictionary<string, CakeTaskBuilder>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in BuildxCacheTaskGraph.All.Where(definition => definition.Name != BuildxCacheTaskNames.Default))
        {
            var builder = task(definition.Name).Description(definition.Description);
            foreach (var dependency in definition.DependsOn)
            {
                builder.IsDependentOn(dependency);
            }

            builder.Does(() => InSection(run, definition, () => definition.Run(run)));
            registered[definition.Name] = builder;
        }

        teardown(_ =>
        {
            if (run.LoggedInRegistries.Count > 0)
            {
                run.Logout();
            }
        });
        return registered;
    }

    // The script's own TaskSetup/TaskTeardown stay the script's: the section markers go around the module's tasks only.
    // They go to the console as they are: Cake's log would colour them, and GitLab reads the marker only uncoloured.
    private static async Task InSection(BuildxCacheRun run, BuildxCacheTaskDefinition definition, Func<Task> action)
    {
        var provider = CiDetector.Detect(run.Environment);
        Write(LogSection.Start(provider, definition.Name, definition.Name, run.Clock.GetUtcNow(), collapsed: !definition.OpenSection));
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            Write(LogSection.End(provider, definition.Name, run.Clock.GetUtcNow()));
        }
    }

    private static void Write(string? marker)
    {
        if (marker is not null)
        {
            Console.Out.WriteLine(marker);
        }
    }
}
