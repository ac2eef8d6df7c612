namespace Cake.BuildxCache.Docker.History;

/// <summary>
/// BuildKit's own record of one build, as <c>docker buildx history inspect --format json</c> prints it. The step
/// counts are BuildKit's: every vertex of the build's status stream (Dockerfile steps, metadata loads, exports), not
/// the steps buildx adds on its side (<c>[auth] …</c>, <c>resolving provenance for metadata file</c>).
/// </summary>
/// <param name="Ref">The record's id (<c>Ref</c>).</param>
public sealed record BuildRecord(string Ref)
{
    /// <summary>Gets the build's name (<c>Name</c>, e.g. the context folder), or <c>null</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets <c>completed</c>, <c>failed</c>, <c>canceled</c> or <c>running</c> (<c>Status</c>), or <c>null</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Gets when BuildKit started the build (<c>StartedAt</c>), or <c>null</c>.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when it finished (<c>CompletedAt</c>), or <c>null</c> while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets how long it took (<c>Duration</c>, nanoseconds in the JSON), or <c>null</c> when not printed.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets the number of steps BuildKit ran or took from its cache (<c>NumTotalSteps</c>).</summary>
    public int TotalSteps { get; init; }

    /// <summary>Gets how many of them finished (<c>NumCompletedSteps</c>; cached steps count).</summary>
    public int CompletedSteps { get; init; }

    /// <summary>Gets how many of them came from the cache (<c>NumCachedSteps</c>).</summary>
    public int CachedSteps { get; init; }

    /// <summary>Gets the build's error (<c>Error.Message</c>), or <c>null</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the step that failed (<c>Error.Name</c>), or <c>null</c>.</summary>
    public string? FailedStep { get; init; }

    /// <summary>
    /// Gets the base images the build resolved, from the materials of BuildKit's provenance of the record (<c>Materials</c>):
    /// the image as BuildKit names it (<c>host/repository:tag</c>, <c>busybox:latest</c>) to its digest (several
    /// platforms' digests joined by commas); <c>null</c> when the record names no materials.
    /// </summary>
    public IReadOnlyDictionary<string, string>? BaseImages { get; init; }

    /// <summary>Gets a value indicating whether the build finished without error (<c>Status</c> is <c>completed</c>).</summary>
    public bool Succeeded => string.Equals(Status, "completed", StringComparison.Ordinal);

    /// <summary>Gets a value indicating whether the build had ended when the record was read (anything but <c>running</c>).</summary>
    public bool Ended => Status is not null && !string.Equals(Status, "running", StringComparison.Ordinal);
}
