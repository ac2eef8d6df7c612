using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Options;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Tasks;

/// <summary>Prints every option with its argument, environment variable, cake.config key and default, as Markdown.</summary>
[TaskName(Name)]
[TaskDescription("Lists every option: argument, environment variable, cake.config key, CI default and default (Markdown).")]
public sealed class OptionsTask : FrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "Options";

    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context)
    {
        foreach (var line in OptionTable.Markdown())
        {
            context.Log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", line);
        }
    }
}
