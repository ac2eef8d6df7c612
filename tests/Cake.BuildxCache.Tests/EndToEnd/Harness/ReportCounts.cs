namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>The report's <c>counts</c>: BuildKit's step counts, from its build record or from the progress output.</summary>
internal sealed record ReportCounts(
    string Source,
    int Steps,
    int Cached,
    int? ProgressSteps,
    int? ProgressCached,
    string? RecordId,
    IReadOnlyList<string> Disagreements)
{
    public override string ToString() =>
        $"counts from {Source} {RecordId}: {Cached} of {Steps} cached (progress {ProgressCached} of {ProgressSteps}){(Disagreements.Count == 0 ? string.Empty : "; " + string.Join("; ", Disagreements))}";
}
