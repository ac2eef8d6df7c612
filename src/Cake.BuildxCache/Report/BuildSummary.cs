
namespace Cake.BuildxCache.Report;

/// <summary>
/// The numbers of a <see cref="BuildReport"/>, from <see cref="From"/>.
/// <para>
/// <b>What counts for the hit ratio:</b> only <see cref="StepKind.Build"/> steps, i.e. the Dockerfile instructions
/// of a stage (<c>[stage n/m] RUN|COPY|ADD|WORKDIR…</c>) other than its <c>FROM</c>. Left out: <c>FROM</c> (the base
/// image is fetched, and lazily: a warm build shows it DONE without pulling it), <c>[internal]</c> and <c>[auth]</c>
/// steps, metadata resolution (<c>resolve …</c>), <c>importing cache manifest …</c>, and every <c>exporting …</c>
/// step. A step counts as <b>cached</b> when BuildKit said CACHED, as <b>ran</b> when it finished (DONE) or failed
/// (ERROR); canceled and unfinished steps count in <see cref="BuildSteps"/> only.
/// <see cref="HitRatio"/> = cached / (cached + ran), null when that is 0 / 0.
/// </para>
/// </summary>
/// <param name="BuildSteps">How many <see cref="StepKind.Build"/> steps there were.</param>
/// <param name="Cached">How many of them came from cache.</param>
/// <param name="Ran">How many of them executed.</param>
/// <param name="HitRatio">cached / (cached + ran), between 0 and 1; null without such steps.</param>
/// <param name="Stages">Per stage, in order of first appearance.</param>
/// <param name="RanSteps">The build steps that executed, in step order: what a warm build should not have had to do.</param>
/// <param name="StepTime">The summed durations of every step of any kind. Steps run concurrently, so this can exceed the wall time.</param>
/// <param name="Elapsed">The build's wall-clock time, when the report knows it (see <see cref="BuildReport.Elapsed"/>).</param>
/// <param name="ImportedCacheRefs">The cache refs that were read.</param>
/// <param name="FailedCacheImports">The cache refs that could not be read, with why.</param>
/// <param name="CacheExported">Whether a cache was written.</param>
/// <param name="CacheExportErrors">Why writing a cache failed, one per failed export.</param>
/// <param name="Error">The build's error, or null.</param>
public sealed record BuildSummary(
    int BuildSteps,
    int Cached,
    int Ran,
    double? HitRatio,
    IReadOnlyList<StageSummary> Stages,
    IReadOnlyList<BuildStep> RanSteps,
    TimeSpan StepTime,
    TimeSpan? Elapsed,
    IReadOnlyList<string> ImportedCacheRefs,
    IReadOnlyList<CacheImport> FailedCacheImports,
    bool CacheExported,
    IReadOnlyList<string> CacheExportErrors,
    string? Error)
{
    /// <summary>
    /// Gets the build's step counts as BuildKit counts them, with where they came from: the progress output's unless
    /// the caller read BuildKit's build record (<c>summary with { Counts = StepCounting.Count(report, record) }</c>).
    /// </summary>
    public StepCounts? Counts { get; init; }

    /// <summary>
    /// Gets, for a warm build that still ran steps, the first step that ran and its likely cause
    /// (<c>--explain-cache-miss</c>); null when the build was cold, ran nothing, or was not asked.
    /// </summary>
    public CacheMiss? Miss { get; init; }

    /// <summary>Computes the summary of a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The summary.</returns>
    internal static BuildSummary From(BuildReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var build = report.Steps.Where(step => step.Kind == StepKind.Build).ToList();
        var cached = build.Count(step => step.Status == StepStatus.Cached);
        var ran = build.Where(step => step.Ran).ToList();
        double? ratio = cached + ran.Count == 0 ? null : (double)cached / (cached + ran.Count);

        var stages = report.Steps
            .Where(step => step.Kind is StepKind.Build or StepKind.BaseImage)
            .GroupBy(StageKey, StringComparer.Ordinal)
            .Select(group => new StageSummary(
                group.Key,
                group.Count(step => step.Kind == StepKind.Build),
                group.Count(step => step.Kind == StepKind.Build && step.Status == StepStatus.Cached),
                group.Count(step => step.Kind == StepKind.Build && step.Ran),
                Sum(group)))
            .ToList();

        return new BuildSummary(
            build.Count,
            cached,
            ran.Count,
            ratio,
            stages,
            ran,
            Sum(report.Steps),
            report.Elapsed,
            report.ImportedCacheRefs,
            report.CacheImports.Where(import => !import.Imported).ToList(),
            report.CacheExported,
            report.CacheExportErrors,
            report.Error)
        {
            Counts = StepCounting.Count(report, null),
        };
    }

    private static string StageKey(BuildStep step) =>
        step.Platform is null ? step.Stage ?? string.Empty : (step.Platform + " " + step.Stage).TrimEnd();

    private static TimeSpan Sum(IEnumerable<BuildStep> steps) =>
        steps.Aggregate(TimeSpan.Zero, (total, step) => total + (step.Duration ?? TimeSpan.Zero));
}
