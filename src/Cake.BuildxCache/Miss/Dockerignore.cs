namespace Cake.BuildxCache.Miss;

/// <summary>
/// Whether a <c>.dockerignore</c> keeps a path (the context's <c>.git</c>, a file a <c>COPY</c> reads) out of the build, read as BuildKit reads it: one
/// pattern a line, <c>#</c> comments, a leading <c>/</c> or <c>./</c> dropped, <c>*</c> and <c>?</c> within a path
/// element, <c>**</c> across them, <c>!</c> re-including; the last pattern that matches wins.
/// </summary>
internal static class Dockerignore
{
    /// <summary>True when the patterns exclude the top-level <c>.git</c>.</summary>
    /// <param name="text">The <c>.dockerignore</c>'s text, or null when there is none.</param>
    /// <returns>Whether <c>.git</c> is excluded.</returns>
    public static bool ExcludesGit(string? text) => Excludes(text, ".git");

    /// <summary>True when the patterns keep <paramref name="path"/> out of the context (it, or a folder holding it, matches).</summary>
    /// <param name="text">The <c>.dockerignore</c>'s text, or null when there is none.</param>
    /// <param name="path">A path relative to the context, <c>/</c>-separated.</param>
    /// <returns>Whether it is excluded.</returns>
    public static bool Excludes(string? text, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (text is null)
        {
            return false;
        }

        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var excluded = false;
        foreach (var raw in text.Split('\n'))
        {
            var pattern = raw.Trim();
            if (pattern.Length == 0 || pattern.StartsWith('#'))
            {
                continue;
            }

            var include = pattern.StartsWith('!');
            pattern = include ? pattern[1..].Trim() : pattern;
            pattern = pattern.TrimStart('/');
            if (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }

            var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            // A pattern that matches a folder keeps everything under it out.
            for (var length = 1; length <= elements.Length; length++)
            {
                if (Matches(parts, 0, elements.AsSpan(0, length).ToArray(), 0))
                {
                    excluded = !include;
                    break;
                }
            }
        }

        return excluded;
    }

    // Element by element: '**' matches any number of elements (none too), '*' and '?' stay within one.
    private static bool Matches(string[] pattern, int p, string[] path, int t)
    {
        if (p == pattern.Length)
        {
            return t == path.Length;
        }

        if (pattern[p] == "**")
        {
            return Matches(pattern, p + 1, path, t) || (t < path.Length && Matches(pattern, p, path, t + 1));
        }

        return t < path.Length && Wildcard(pattern[p], 0, path[t], 0) && Matches(pattern, p + 1, path, t + 1);
    }

    private static bool Wildcard(string pattern, int p, string text, int t)
    {
        if (p == pattern.Length)
        {
            return t == text.Length;
        }

        return pattern[p] switch
        {
            '*' => Wildcard(pattern, p + 1, text, t) || (t < text.Length && Wildcard(pattern, p, text, t + 1)),
            '?' => t < text.Length && Wildcard(pattern, p + 1, text, t + 1),
            var c => t < text.Length && text[t] == c && Wildcard(pattern, p + 1, text, t + 1),
        };
    }
}
