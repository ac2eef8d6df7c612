namespace Cake.BuildxCache.Report;

/// <summary>What the run did for one carried cache mount, for <c>buildx-report.json</c> and the CI step summary.</summary>
/// <param name="Id">The mount's id.</param>
/// <param name="Filled">True when the fill before the build copied an image into it.</param>
/// <param name="FilledFrom">The ref it was filled from, or null.</param>
/// <param name="FillWhy">Why it was filled, or why not.</param>
/// <param name="FillBytes">The image's compressed bytes downloaded (0 when not filled).</param>
/// <param name="FillTime">The time the check and the fill took.</param>
/// <param name="After">After the build: <c>exported</c>, <c>unchanged</c>, <c>skipped</c> or <c>failed</c>.</param>
/// <param name="AfterWhy">Why.</param>
/// <param name="AfterBytes">The content's bytes when it was measured, else null.</param>
/// <param name="AfterTime">The time the check and the push took.</param>
internal sealed record CacheMountFigures(
    string Id,
    bool Filled,
    string? FilledFrom,
    string FillWhy,
    long FillBytes,
    TimeSpan FillTime,
    string After,
    string AfterWhy,
    long? AfterBytes,
    TimeSpan AfterTime);
