namespace Cake.BuildxCache.Policy;

/// <summary>
/// What a build does with what it makes, decided once by <see cref="OutputPolicy"/>: push, load or neither, whether it
/// may write the registry cache, and why. The cache refs (<see cref="CacheRefPolicy"/>) and the plan read it.
/// </summary>
/// <param name="Image">Push, load or neither.</param>
/// <param name="Why">Why, in a few words: <c>GitLab</c>, <c>local run</c>, <c>push=true, from --push</c>.</param>
/// <param name="CacheReadOnly">Why the build must not write the registry cache, or null when it may.</param>
internal sealed record OutputDecision(OutputMode Image, string Why, string? CacheReadOnly)
{
    /// <summary>The plan's note: <c>output: push (GitLab)</c>.</summary>
    public string Note => $"output: {Image.ToString().ToLowerInvariant()} ({Why})";
}
