using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The cache record and the miss explanation: every cache ref the build wrote gets a record (its commit and write
/// time, and with <c>--explain-cache-miss</c> what the build ran with), and a warm build that ran steps is compared
/// with the records of the refs it read.
/// </summary>
/// <param name="run">The run.</param>
internal sealed class CacheRecordHook(BuildxCacheRun run) : BuildHook
{
    /// <inheritdoc />
    public override async Task AfterBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var plan = build.Plan;

        // What this build ran with (the base images from BuildKit's record: the metadata file carries no provenance).
        var inputs = plan.ExplainsCacheMiss ? CacheMissRun.Inputs(run, plan, build.Record?.BaseImages) : null;
        build.Inputs = inputs;
        var recording = CacheRecordRun.RecordAsync(run, plan, build.Metadata, inputs, build.MountSteps, build.Report.CacheExported);
        build.Miss = inputs is null ? null : CacheMissRun.Explain(run, plan, BuildSummary.From(build.Report), build.CacheRecords, inputs);

        // The commit ref's record is on it before a promotion copies it: the promotion hook runs after this one.
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
    }
}
