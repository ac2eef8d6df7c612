namespace Cake.BuildxCache.Registry;

/// <summary>What <see cref="ImageTagRestorer"/> did with one tag.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Earlier">The digest it held before the push.</param>
/// <param name="Restored">True when it holds <paramref name="Earlier"/> again.</param>
/// <param name="Reason">Why it was not put back, or null.</param>
internal sealed record TagRestore(string Tag, string Earlier, bool Restored, string? Reason);
