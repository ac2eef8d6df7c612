namespace Cake.BuildxCache.Report;

/// <summary>One <c>--cache-from</c> ref BuildKit tried to read.</summary>
/// <param name="Ref">The cache reference, as in <c>importing cache manifest from &lt;ref&gt;</c>.</param>
/// <param name="Imported">True when BuildKit read its manifest (the step finished without error).</param>
/// <param name="Error">Why it could not be read (missing ref, unreachable or refusing registry), or null.</param>
public sealed record CacheImport(string Ref, bool Imported, string? Error);
