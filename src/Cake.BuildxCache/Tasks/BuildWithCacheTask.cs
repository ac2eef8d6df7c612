using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Tasks.Commands;
using Cake.Common.Diagnostics;
using Cake.Common.IO;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// The one <c>docker buildx build</c> of the plan, with the registry cache: reads the cache-from
/// chain, writes the branch's cache ref when writable, pushes or loads; then reports from the metadata file.
/// </summary>
[TaskName(Name)]
[TaskDescription("Builds the image with docker buildx and the registry cache (cache-from chain, cache-to when writable).")]
[IsDependentOn(typeof(EnsureBuilderTask))]
[IsDependentOn(typeof(LoginTask))]
public sealed class BuildWithCacheTask : FrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "BuildWithCache";

    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context)
    {
        context.EnsureValid();
        var plan = context.Plan;
        var settings = DockerCommands.Build(plan);
        context.EnsureDirectoryExists(settings.MetadataFile!.GetDirectory());
        if (context.FileExists(settings.MetadataFile))
        {
            // A stale file from an earlier build must not be reported as this build's result.
            context.DeleteFile(settings.MetadataFile);
        }

        context.Information("cache from: {0}", string.Join("  ", plan.CacheFrom.Select(spec => spec.Ref)));
        context.Information("cache to:   {0}", plan.CacheTo?.ToString() ?? "none (read-only: " + string.Join("; ", plan.Notes.Where(note => note.Contains("read-only", StringComparison.OrdinalIgnoreCase))) + ")");
        context.DockerBuildxBuild(settings);

        var metadata = context.FileExists(settings.MetadataFile) ? context.DockerBuildxReadMetadata(settings.MetadataFile) : null;
        context.Outcome = new BuildOutcome(settings.MetadataFile.FullPath, metadata);
        context.Information("Built {0}{1}: {2}.", plan.Image, metadata?.Digest is { } digest ? "@" + digest : string.Empty, Describe(plan.Output, plan.Tags));
    }

    private static string Describe(Policy.OutputMode output, IReadOnlyList<string> tags) => output switch
    {
        Policy.OutputMode.Push => "pushed " + string.Join(", ", tags),
        Policy.OutputMode.Load => "loaded into the local engine as " + string.Join(", ", tags),
        _ => "kept in the build cache only (neither pushed nor loaded)",
    };
}
