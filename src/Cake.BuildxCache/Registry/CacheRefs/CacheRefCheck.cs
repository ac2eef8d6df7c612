namespace Cake.BuildxCache.Registry;

/// <summary>The answer for one ref.</summary>
/// <param name="Ref">The cache ref.</param>
/// <param name="Status">What the registry said.</param>
/// <param name="Detail">Why it is unknown (no secrets), or null.</param>
internal sealed record CacheRefCheck(string Ref, CacheRefStatus Status, string? Detail = null);
