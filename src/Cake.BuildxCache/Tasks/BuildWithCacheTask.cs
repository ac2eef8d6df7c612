using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// The one <c>docker buildx build</c> of the plan, with the registry cache: asks the registry which
/// cache-from refs exist, reads them, writes the branch's cache ref when writable, pushes or loads;
/// then reports what the cache did and hands the result to the pipeline.
/// </summary>
[TaskName(Name)]
[TaskDescription("Builds the image with docker buildx and the registry cache (cache-from chain, cache-to when writable), then reports cache use.")]
[IsDependentOn(typeof(EnsureBuilderTask))]
[IsDependentOn(typeof(LoginTask))]
public sealed class BuildWithCacheTask : AsyncFrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "BuildWithCache";

    /// <inheritdoc/>
    public override async Task RunAsync(BuildxCacheContext context)
    {
        context.EnsureValid();

        // The hand-off files of an earlier build must not outlive a failure of this one: a shell runner or a
        // `when: always` job would hand its image and digest on.
        foreach (var stale in new[] { ArtifactPaths.BuildEnv, ArtifactPaths.Report })
        {
            var path = new FilePath(stale).MakeAbsolute(context.Environment);
            if (context.FileExists(path))
            {
                context.DeleteFile(path);
            }
        }

        var steps = context.Run.BuildWithCache;
        var plan = steps.Plan;
        var cacheFrom = steps.ChecksCacheRefs ? await SelectCacheFromAsync(context, plan).ConfigureAwait(false) : plan.CacheFrom;
        var progress = new List<string>();
        var settings = steps.Build(cacheFrom, context.BuildxVersion);
        settings.OutputHandler = line =>
        {
            progress.Add(line);
            context.Log.Write(Verbosity.Normal, LogLevel.Information, "{0}", line);
        };

        // Absolute here: a bare file name (--metadata-file=meta.json) has an empty folder, which cannot be created.
        var metadataFile = settings.MetadataFile!.MakeAbsolute(context.Environment);
        context.EnsureDirectoryExists(metadataFile.GetDirectory());
        if (context.FileExists(metadataFile))
        {
            // A stale file from an earlier build must not be reported as this build's result.
            context.DeleteFile(metadataFile);
        }

        context.Information("cache from: {0}", cacheFrom.Count == 0 ? "none" : string.Join("  ", cacheFrom.Select(spec => spec.Ref)));
        context.Information("cache to:   {0}", plan.CacheTo?.ToString() ?? "none (read-only)");
        try
        {
            context.BuildxBuild(settings);
        }
        catch (CakeException)
        {
            BuildReporting.ReportFailure(context, BuildProgress.Parse(progress));
            throw;
        }

        var metadata = context.FileExists(metadataFile) ? context.BuildxReadMetadata(metadataFile) : null;
        context.Outcome = new BuildOutcome(settings.MetadataFile.FullPath, metadata);
        context.Information("Built {0}{1}: {2}.", plan.Image, metadata?.Digest is { } digest ? "@" + digest : string.Empty, Describe(plan.Output, plan.Tags));
        BuildReporting.Report(context, plan with { CacheFrom = cacheFrom }, BuildProgress.Parse(progress), metadata);
    }

    private static async Task<IReadOnlyList<CacheSpec>> SelectCacheFromAsync(BuildxCacheContext context, BuildPlan plan)
    {
        using var client = RegistryAccess.Client(context);
        var selection = await new CacheRefChecker(client).SelectAsync(CacheFromPolicy.Candidates(plan)).ConfigureAwait(false);
        foreach (var line in selection.Log)
        {
            if (selection.HasWarnings)
            {
                context.Warning("{0}", line);
            }
            else
            {
                context.Information("{0}", line);
            }
        }

        return selection.From;
    }

    private static string Describe(OutputMode output, IReadOnlyList<string> tags) => output switch
    {
        OutputMode.Push => "pushed " + string.Join(", ", tags),
        OutputMode.Load => "loaded into the local engine as " + string.Join(", ", tags),
        _ => "kept in the build cache only (neither pushed nor loaded)",
    };
}
