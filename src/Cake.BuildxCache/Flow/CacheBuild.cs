using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Miss;
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
        foreach (var stale in new[] { ArtifactPaths.BuildEnv, ArtifactPaths.Report, steps.Plan.FanOutPlatform is { } platform ? ArtifactPaths.FanOut(platform) : null }.OfType<string>())
        {
            var path = new FilePath(stale).MakeAbsolute(run.Environment);
            if (run.FileExists(path))
            {
                run.DeleteFile(path);
            }
        }

        var plan = steps.Plan;
        var selection = steps.ChecksCacheRefs ? await SelectCacheFromAsync(run, plan).ConfigureAwait(false) : null;
        var cacheFrom = selection?.From ?? plan.CacheFrom;
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

        var tagsBefore = await run.ImageTagsBeforeAsync(plan).ConfigureAwait(false);
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

        // The registry is asked what the push made of the tags while BuildKit's record is read: neither waits for the other.
        var imageAfter = ImageChangeCheck.AfterAsync(run, plan, tagsBefore, metadata?.Digest);
        var (counts, record) = CountSteps(run, steps, metadata, version, report);

        // What this build ran with (the base images from BuildKit's record: the metadata file carries no provenance):
        // recorded on the cache written, and compared with the record of the cache read. Every written cache ref gets a
        // record (its commit and write time), with or without them.
        var inputs = plan.ExplainsCacheMiss ? CacheMissRun.Inputs(run, plan, record?.BaseImages) : null;
        var recording = CacheRecordRun.RecordAsync(run, plan, metadata, inputs, report.CacheExported);
        if (counts.Duration is { } duration)
        {
            // BuildKit's own timing of the build, where plain progress has none.
            report = report with { Elapsed = duration };
        }

        foreach (var disagreement in counts.Disagreements)
        {
            run.Warning("report: {0}; the counts are the record's, the per-step lines the progress output's.", disagreement);
        }

        run.Information("Built {0}{1}: {2}.", plan.Image, metadata?.Digest is { } digest ? "@" + digest : string.Empty, Describe(plan.Output, plan.Tags));
        var miss = inputs is null ? null : CacheMissRun.Explain(run, plan, BuildSummary.From(report), selection?.Records, inputs);

        // The commit ref's record is on it before the promotion copies it.
        if (await recording.ConfigureAwait(false) is { } recorded)
        {
            if (recorded.Warning)
            {
                run.Warning("{0}", recorded.Line);
            }
            else
            {
                run.Information("{0}", recorded.Line);
            }
        }

        var promotion = plan.Promotion is { } promote ? await CachePromotionRun.RunAsync(run, promote, plan.CacheTo?.IgnoreError != false, inputs).ConfigureAwait(false) : null;

        var image = await imageAfter.ConfigureAwait(false);
        BuildReporting.Report(run, plan with { CacheFrom = cacheFrom }, report, metadata, counts, image, promotion, miss);
        return new BuildOutcome(metadataFile.FullPath, metadata, plan.Tags, BuildSummary.From(report) with { Counts = counts, Miss = miss }) { Image = image };
    }

    /// <summary>
    /// The report's step counts: from BuildKit's record of the build (<c>docker buildx history inspect --format json</c>)
    /// where buildx has it and the metadata file names the build, else from the progress output, saying why; and the
    /// record itself, when it was read.
    /// </summary>
    private static (StepCounts Counts, BuildRecord? Record) CountSteps(BuildxCacheRun run, BuildSteps steps, BuildMetadata? metadata, BuildxVersion? version, BuildReport report)
    {
        if (metadata?.BuildRecordId is not { } id)
        {
            return (StepCounting.Count(report, null, "the metadata file names no build record (buildx.build.ref, buildx 0.11 and later)"), null);
        }

        if (steps.Record(id, version) is not { } inspect)
        {
            return (StepCounting.Count(report, null, $"buildx {version!.Text} has no history inspect --format json (buildx {BuildxHistoryFlags.InspectFormat.BuildxSince.ToString(2)} and later)"), null);
        }

        try
        {
            var record = run.BuildxHistoryInspect(inspect);
            return record.Ended
                ? (StepCounting.Count(report, record), record)
                : (StepCounting.Count(report, null, $"BuildKit's build record {id} was still {record.Status}"), record);
        }
        catch (CakeException exception)
        {
            // The progress output is the fallback, not a failure: a buildx of unknown version may lack the command, and
            // a BuildKit without the history API (the docker driver of an old engine) has no record to give.
            run.Information("BuildKit's build record could not be read, the counts are the progress output's: {0}", exception.Message);
            return (StepCounting.Count(report, null, $"BuildKit's build record {id} could not be read"), null);
        }
    }

    private static async Task<CacheFromSelection> SelectCacheFromAsync(BuildxCacheRun run, BuildPlan plan)
    {
        var selection = await run.CheckCacheRefsAsync(plan).ConfigureAwait(false);
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

        return selection;
    }

    private static string Describe(OutputMode output, IReadOnlyList<string> tags) => output switch
    {
        OutputMode.Push => "pushed " + string.Join(", ", tags),
        OutputMode.Load => "loaded into the local engine as " + string.Join(", ", tags),
        _ => "kept in the build cache only (neither pushed nor loaded)",
    };
}
