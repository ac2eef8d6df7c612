using System.Globalization;
using Cake.BuildxCache.Docker.History;

namespace Cake.BuildxCache.Report;

/// <summary>
/// Counts a build's steps (<see cref="StepCounts"/>) from BuildKit's record when there is one, from the progress output
/// otherwise, and compares the two: BuildKit counts the vertices of its status stream, which is the progress output less
/// buildx's own steps, so on one build both must give the same numbers.
/// </summary>
internal static class StepCounting
{
    /// <summary>The counts of a build.</summary>
    /// <param name="report">What the progress output said (no steps for <c>quiet</c> or <c>tty</c>).</param>
    /// <param name="record">BuildKit's record of the build, or null when it was not read.</param>
    /// <param name="note">Why it was not read, when it was not.</param>
    /// <returns>The counts, with where they came from and where the two sources disagree.</returns>
    public static StepCounts Count(BuildReport report, BuildRecord? record, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buildkit = report.Steps.Where(step => !ClientSteps.Contains(step)).ToList();
        var hasProgress = buildkit.Count > 0;
        var progressSteps = buildkit.Count;
        var progressCached = buildkit.Count(step => step.MarkedCached || step.Status == StepStatus.Cached);
        if (record is null)
        {
            return new StepCounts(StepCountSource.Progress, progressSteps, progressCached)
            {
                Note = note,
                ProgressSteps = hasProgress ? progressSteps : null,
                ProgressCached = hasProgress ? progressCached : null,
            };
        }

        var disagreements = new List<string>();
        if (hasProgress)
        {
            var said = $"BuildKit's build record {record.Ref}";
            if (record.TotalSteps != progressSteps)
            {
                disagreements.Add(Invariant($"{said} counts {record.TotalSteps} steps, the progress output {progressSteps} (less buildx's own steps)"));
            }

            if (record.CachedSteps != progressCached)
            {
                disagreements.Add(Invariant($"{said} counts {record.CachedSteps} steps cached, the progress output {progressCached}"));
            }

            if (!record.Succeeded && report.Error is null)
            {
                disagreements.Add($"{said} says the build {record.Status ?? "has no status"}{(record.Error is { } error ? ": " + error : string.Empty)}, the progress output shows no error");
            }
        }

        return new StepCounts(StepCountSource.BuildRecord, record.TotalSteps, record.CachedSteps)
        {
            RecordId = record.Ref,
            Completed = record.CompletedSteps,
            Duration = record.Duration,
            Status = record.Status,
            Error = record.Error is { } message ? (record.FailedStep is { } step ? $"{step}: {message}" : message) : null,
            ProgressSteps = hasProgress ? progressSteps : null,
            ProgressCached = hasProgress ? progressCached : null,
            Disagreements = disagreements,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
