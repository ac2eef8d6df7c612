namespace Cake.BuildxCache.Options;

/// <summary>One <c>key=value</c> line of <c>cake.config</c>.</summary>
/// <param name="Key">Cake's configuration key: <c>Section_Key</c>, or the bare key before any section.</param>
/// <param name="Section">The section it is under (<c>Buildx</c>), or empty.</param>
/// <param name="Name">The key as written in the file (<c>Image</c>, <c>BuildArg.NODE_VERSION</c>).</param>
/// <param name="Value">The value as Cake's parser reads it, before expansion: leading whitespace dropped, trailing whitespace kept; never empty, never holding <c>=</c>.</param>
/// <param name="Line">The line number, from 1.</param>
internal sealed record ConfigEntry(string Key, string Section, string Name, string Value, int Line);
