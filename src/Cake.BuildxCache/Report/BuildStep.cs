namespace Cake.BuildxCache.Report;

/// <summary>One step (BuildKit vertex) of a build, merged from every progress line about it.</summary>
/// <param name="Number">Its number: <c>N</c> of <c>#N</c> in plain output; the order of first appearance in rawjson.</param>
/// <param name="Name">Its name as printed, e.g. <c>[slow 2/2] RUN sleep 20</c>.</param>
/// <param name="Kind">What it is (see <see cref="StepName"/>).</param>
/// <param name="Stage">The stage or label (<c>slow</c>, <c>internal</c>), empty for an unnamed single stage, null without a label.</param>
/// <param name="Platform">The platform of a multi-platform build, or null.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">How long it ran: the last <c>DONE</c> time in plain output; first start to last
/// completion in rawjson; null when cached or not finished.</param>
/// <param name="Error">The error text of a failed (or canceled) step, or null.</param>
/// <param name="Digest">The vertex digest (rawjson only), or null.</param>
public sealed record BuildStep(
    int Number,
    string Name,
    StepKind Kind,
    string? Stage,
    string? Platform,
    StepStatus Status,
    TimeSpan? Duration,
    string? Error,
    string? Digest)
{
    /// <summary>
    /// Gets a value indicating whether BuildKit said the step was cached at any point, as its build record counts it
    /// (a step of any kind; a build step whose cached layer was then pulled ends <see cref="StepStatus.Cached"/> too).
    /// </summary>
    public bool MarkedCached { get; init; }

    /// <summary>Gets a value indicating whether the step executed (finished or failed) rather than coming from cache.</summary>
    public bool Ran => Status is StepStatus.Done or StepStatus.Error;

    /// <summary>Gets the cache reference an <see cref="StepKind.CacheImport"/> step read, or null.</summary>
    public string? CacheRef => Kind == StepKind.CacheImport ? StepName.Parse(Name).CacheRef : null;
}
