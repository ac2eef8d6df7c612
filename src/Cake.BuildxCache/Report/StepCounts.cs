namespace Cake.BuildxCache.Report;

/// <summary>
/// How many steps the build had and how many came from the cache, counted as BuildKit counts them: every vertex of the
/// build (Dockerfile steps, metadata loads, cache imports, exports), not the steps buildx adds on its side
/// (<see cref="ClientSteps"/>). Taken from BuildKit's build record where buildx can read it, else from the progress
/// output; <see cref="Source"/> says which. The per-step detail (stages, steps that ran) is always the progress output's.
/// </summary>
/// <param name="Source">Where <see cref="Steps"/> and <see cref="Cached"/> came from.</param>
/// <param name="Steps">The steps.</param>
/// <param name="Cached">How many came from the cache.</param>
public sealed record StepCounts(StepCountSource Source, int Steps, int Cached)
{
    /// <summary>Gets the record's id (the last part of <c>buildx.build.ref</c>), or null when the counts are the progress output's.</summary>
    public string? RecordId { get; init; }

    /// <summary>Gets how many steps finished, by the record (cached ones count), or null.</summary>
    public int? Completed { get; init; }

    /// <summary>Gets the build's duration by the record, or null.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets the record's status (<c>completed</c>, <c>failed</c>, <c>canceled</c>), or null.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the record's error, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets why the counts are the progress output's (the record could not be read), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Gets the progress output's count of the same steps, or null when the output had none (quiet, tty).</summary>
    public int? ProgressSteps { get; init; }

    /// <summary>Gets the progress output's count of the cached ones, or null when the output had none.</summary>
    public int? ProgressCached { get; init; }

    /// <summary>Gets where the record and the progress output disagree (empty when they agree, or when only one was read).</summary>
    public IReadOnlyList<string> Disagreements { get; init; } = [];
}
