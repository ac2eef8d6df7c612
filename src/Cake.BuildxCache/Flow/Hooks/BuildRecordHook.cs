using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// BuildKit's record of the build (<c>docker buildx history inspect --format json</c>): the report's step counts and
/// time, and the base images the cache record keeps; the progress output's counts where there is no record, saying why.
/// </summary>
/// <param name="run">The run.</param>
internal sealed class BuildRecordHook(BuildxCacheRun run) : BuildHook
{
    /// <inheritdoc />
    public override Task AfterBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var (counts, record) = CountSteps(build.Steps, build.Metadata, build.Version, build.Report);
        build.Counts = counts;
        build.Record = record;
        if (counts.Duration is { } duration)
        {
            // BuildKit's own timing of the build, where plain progress has none.
            build.Report = build.Report with { Elapsed = duration };
        }

        foreach (var disagreement in counts.Disagreements)
        {
            run.Warning("report: {0}; the counts are the record's, the per-step lines the progress output's.", disagreement);
        }

        return Task.CompletedTask;
    }

    private (StepCounts Counts, BuildRecord? Record) CountSteps(Policy.BuildSteps steps, BuildMetadata? metadata, BuildxVersion? version, BuildReport report)
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
}
