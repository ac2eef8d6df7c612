using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Tasks.Commands;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// Prints where the build stands, the options and where each came from, the plan, and the exact
/// command lines every task would run (secrets redacted). Runs no docker command: the first thing to
/// run when CI misbehaves. Fails after printing when the options have problems.
/// </summary>
[TaskName(Name)]
[TaskDescription("Prints the refs, options, cache-from/to, tags and the exact docker commands each task would run; needs no docker.")]
public sealed class PlanTask : FrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "Plan";

    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context)
    {
        foreach (var line in PlanReport.Lines(context.State, new CommandLines(context)))
        {
            // Quiet verbosity: the plan is the output the user asked for.
            context.Log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", line);
        }

        context.EnsureValid();
    }
}
