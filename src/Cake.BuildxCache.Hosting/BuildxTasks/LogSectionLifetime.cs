using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Refs;
using Cake.Core;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>
/// Wraps every task's output in a collapsible log section: GitLab's <c>section_start</c>/<c>section_end</c>
/// markers, GitHub Actions' <c>::group::</c>; nothing elsewhere. The build's own section stays open.
/// </summary>
/// <param name="console">Cake's console: the markers must reach the job log as they are, uncoloured.</param>
public sealed class LogSectionLifetime(IConsole console) : FrostingTaskLifetime<ICakeContext>
{
    /// <inheritdoc/>
    public override void Setup(ICakeContext context, ITaskSetupContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        var collapsed = !BuildxCacheTaskGraph.All.Any(task => task.OpenSection && task.Name == info.Task.Name);
        Write(LogSection.Start(CiDetector.Detect(context.Environment), info.Task.Name, info.Task.Name, ClockOf(context).GetUtcNow(), collapsed));
    }

    /// <inheritdoc/>
    public override void Teardown(ICakeContext context, ITaskTeardownContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        Write(LogSection.End(CiDetector.Detect(context.Environment), info.Task.Name, ClockOf(context).GetUtcNow()));
    }

    private static TimeProvider ClockOf(ICakeContext context) => context is BuildxCacheContext buildx ? buildx.Clock : TimeProvider.System;

    private void Write(string? marker)
    {
        if (marker is not null)
        {
            console.WriteLine("{0}", marker);
        }
    }
}
