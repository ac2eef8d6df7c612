using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The one <c>docker buildx build</c> of a plan, with the registry cache: runs the build's hooks before it (they may
/// narrow the cache-from refs), builds, pushes or loads as the plan says, runs the hooks after it (each adds its part of
/// the outcome), then reports what the cache did and hands the result to the pipeline. It does not know which hooks
/// exist: <see cref="BuildHooks.For"/> chooses them from the plan.
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
        foreach (var stale in new[] { ArtifactPaths.BuildEnv, ArtifactPaths.Report, steps.Plan.FanOutPlatform is { } platform ? ArtifactPaths.FanOut(platform) : null }.OfType<string>())
        {
            var path = new FilePath(stale).MakeAbsolute(run.Environment);
            if (run.FileExists(path))
            {
                run.DeleteFile(path);
            }
        }

        var plan = steps.Plan;
        var build = new BuildInProgress(run, steps, version);
        var hooks = run.HooksFor(plan);
        foreach (var hook in hooks)
        {
            await hook.BeforeBuildAsync(build).ConfigureAwait(false);
        }

        var cacheFrom = build.CacheFrom;
        var progress = new List<string>();
        var settings = steps.Build(cacheFrom, version);
        BuildFeatureWarnings.Log(run, plan.Features, version);
        foreach (var warning in RecordedBuildArgs.SecretWarnings(plan.BuildArgs))
        {
            run.Warning("{0}", warning);
        }

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

        if (plan.Time is { } time)
        {
            run.Information("image time: {0}", time.Description);
        }

        run.Information("cache from: {0}", cacheFrom.Count == 0 ? "none" : string.Join("  ", cacheFrom.Select(spec => spec.Ref)));
        run.Information("cache to:   {0}", plan.CacheTo?.ToString()
            ?? (plan.CacheExports.Count > 0 ? "after the build, per platform: " + string.Join("  ", plan.CacheExports.Select(export => export.CacheTo!.Ref)) : "none (read-only)"));
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
        build.Built(metadata, BuildProgress.Parse(progress));
        run.Information("Built {0}{1}: {2}.", plan.Image, metadata?.Digest is { } digest ? "@" + digest : string.Empty, Describe(plan.Output, plan.Tags));
        foreach (var hook in hooks)
        {
            await hook.AfterBuildAsync(build).ConfigureAwait(false);
        }

        var report = build.Report;
        var counts = build.Counts ?? StepCounting.Count(report, null, "BuildKit's build record was not read");
        var image = await build.ImageChange.ConfigureAwait(false);
        BuildReporting.Report(run, plan with { CacheFrom = cacheFrom }, report, metadata, counts, image, build.Promotion, build.Miss, build.CacheMounts);
        return new BuildOutcome(metadataFile.FullPath, metadata, plan.Tags, BuildSummary.From(report) with { Counts = counts, Miss = build.Miss }) { Image = image };
    }

    private static string Describe(OutputMode output, IReadOnlyList<string> tags) => output switch
    {
        OutputMode.Push => "pushed " + string.Join(", ", tags),
        OutputMode.Load => "loaded into the local engine as " + string.Join(", ", tags),
        _ => "kept in the build cache only (neither pushed nor loaded)",
    };
}
