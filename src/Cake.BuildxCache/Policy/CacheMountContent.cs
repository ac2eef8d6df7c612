using System.Globalization;

namespace Cake.BuildxCache.Policy;

/// <summary>What a cache mount holds after the build, as the export helper measured it inside the builder.</summary>
/// <param name="Digest">A digest of the file names and contents (<c>sha256:…</c>); times and modes are not in it.</param>
/// <param name="Bytes">The bytes of its files.</param>
/// <param name="Files">How many files.</param>
internal sealed record CacheMountContent(string Digest, long Bytes, long Files)
{
    /// <summary>Reads the helper's output file (<c>digest bytes files</c>), or null when it is not that.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The content.</returns>
    public static CacheMountContent? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split([' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 3
            && words[0].Length == 64 && words[0].All(char.IsAsciiHexDigitLower)
            && long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            && long.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var files)
            ? new("sha256:" + words[0], bytes, files)
            : null;
    }

    /// <summary>A size as <c>12.3 MB</c> (powers of 1024).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
