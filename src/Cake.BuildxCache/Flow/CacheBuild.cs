using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The one <c>docker buildx build</c> of a plan, with the registry cache: asks the registry which cache-from refs
/// exist, reads them, writes the branch's cache ref when writable, pushes or loads as the plan says; then reports
/// what the cache did and hands the result to the pipeline.
/// </summary>
internal static class CacheBuild
{
    /// <summary>Runs the build.</summary>
    /// <param name="run">The run.</param>
    /// <param name="steps">The build's steps (BuildWithCache's or Publish's).</param>
    /// <param name="version">The buildx version when EnsureBuilder ran, for the flags that depend on it.</param>
    /// <returns>What the build produced.</returns>
    public static async Task<BuildOutcome> RunAsync(BuildxCacheRun run, BuildSteps steps, BuildxVersion? version)
    {
        run.EnsureValid();

        // The hand-off files of an earlier build must not outlive a failure of this one: a shell runner or a
        // `when: always` job would hand its image and digest on.
        foreach (var stale in new[] { ArtifactPaths.BuildEnv, ArtifactPaths.Report })
        {
            var path = new FilePath(stale).MakeAbsolute(run.Environment);
            if (run.FileExists(path))
            {
                run.DeleteFile(path);
            }
        }

        var plan = steps.Plan;
        var cacheFrom = steps.ChecksCacheRefs ? await SelectCacheFromAsync(run, plan).ConfigureAwait(false) : plan.CacheFrom;
        var progress = new List<string>();
        var settings = steps.Build(cacheFrom, version);
        BuildFeatureWarnings.Log(run, plan.Features, version);
        settings.OutputHandler = line =>
        {
            progress.Add(line);
            run.Log.Write(Verbosity.Normal, LogLevel.Information, "{0}", line);
        };

        // Absolute here: a bare file name (--metadata-file=meta.json) has an empty folder, which cannot be created.
        var metadataFile = settings.MetadataFile!.MakeAbsolute(run.Environment);
        run.EnsureDirectoryExists(metadataFile.GetDirectory());
        if (run.FileExists(metadataFile))
        {
            // A stale file from an earlier build must not be reported as this build's result.
            run.DeleteFile(metadataFile);
        }

        run.Information("cache from: {0}", cacheFrom.Count == 0 ? "none" : string.Join("  ", cacheFrom.Select(spec => spec.Ref)));
        run.Information("cache to:   {0}", plan.CacheTo?.ToString() ?? "none (read-only)");
        try
        {
            run.BuildxBuild(settings);
        }
        catch (CakeException)
        {
            BuildReporting.ReportFailure(run, BuildProgress.Parse(progress));
            throw;
        }

        var metadata = run.FileExists(metadataFile) ? run.BuildxReadMetadata(metadataFile) : null;
        var report = BuildProgress.Parse(progress);
        run.Information("Built {0}{1}: {2}.", plan.Image, metadata?.Digest is { } digest ? "@" + digest : string.Empty, Describe(plan.Output, plan.Tags));
        BuildReporting.Report(run, plan with { CacheFrom = cacheFrom }, report, metadata);
        return new BuildOutcome(metadataFile.FullPath, metadata, plan.Tags, BuildSummary.From(report));
    }

    private static async Task<IReadOnlyList<CacheSpec>> SelectCacheFromAsync(BuildxCacheRun run, BuildPlan plan)
    {
        using var client = RegistryAccess.Client(run);
        var selection = await new CacheRefChecker(client).SelectAsync(CacheFromPolicy.Candidates(plan)).ConfigureAwait(false);
        foreach (var line in selection.Log)
        {
            if (selection.HasWarnings)
            {
                run.Warning("{0}", line);
            }
            else
            {
                run.Information("{0}", line);
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
