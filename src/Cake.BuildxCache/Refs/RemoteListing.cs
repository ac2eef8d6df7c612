namespace Cake.BuildxCache.Refs;

/// <summary>What one <c>git ls-remote</c> printed, or why it printed nothing usable.</summary>
/// <param name="Output">Its output, one ref a line, or null when it failed.</param>
/// <param name="Failure">Why it failed (git missing, timed out, its exit code and message, credentials redacted), or null.</param>
internal sealed record RemoteListing(string? Output, string? Failure);
