namespace Cake.BuildxCache.Refs;

/// <summary>Commit sha helpers shared by every provider, so a short sha means the same thing everywhere.</summary>
internal static class CommitSha
{
    /// <summary>GitLab's CI_COMMIT_SHORT_SHA is 8 characters; local and GitHub runs use the same length.</summary>
    public const int ShortLength = 8;

    /// <summary>The first <see cref="ShortLength"/> characters of <paramref name="sha"/> (all of it when shorter).</summary>
    /// <param name="sha">A commit sha.</param>
    /// <returns>The short sha.</returns>
    public static string Short(string sha)
    {
        ArgumentNullException.ThrowIfNull(sha);
        return sha.Length <= ShortLength ? sha : sha[..ShortLength];
    }

    /// <summary>
    /// True when <paramref name="value"/> looks like a commit sha or an abbreviation of one: 4 to 64 hex
    /// digits (64 covers SHA-256 repositories).
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns>Whether it is a plausible sha.</returns>
    public static bool IsValid(string? value) =>
        value is { Length: >= 4 and <= 64 } && value.All(char.IsAsciiHexDigit);

    /// <summary>True when <paramref name="text"/> is a full commit sha: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsFull(string text) =>
        text is { Length: 40 or 64 } && text.All(char.IsAsciiHexDigitLower);
}
