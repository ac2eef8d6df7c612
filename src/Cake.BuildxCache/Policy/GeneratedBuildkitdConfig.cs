namespace Cake.BuildxCache.Policy;

/// <summary>A buildkitd.toml made from the options (<c>registry-mirror</c>, <c>insecure-registry</c>) when none was given.</summary>
/// <param name="Path">Where EnsureBuilder writes it, relative to the working directory (<c>artifacts/buildkitd.toml</c>).</param>
/// <param name="Content">The TOML, lines ending in <c>\n</c>.</param>
/// <param name="Hash">The first 16 hex digits of the content's SHA-256: recorded on the builder, so a changed config recreates it.</param>
/// <param name="Sources">The options it was made from, by name.</param>
public sealed record GeneratedBuildkitdConfig(string Path, string Content, string Hash, IReadOnlyList<string> Sources);
