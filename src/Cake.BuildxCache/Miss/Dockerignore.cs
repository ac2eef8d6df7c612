namespace Cake.BuildxCache.Miss;

/// <summary>
/// Whether a <c>.dockerignore</c> keeps the context's <c>.git</c> out of the build, read as BuildKit reads it: one
/// pattern a line, <c>#</c> comments, a leading <c>/</c> or <c>./</c> dropped, <c>*</c> and <c>?</c> within a path
/// element, <c>**</c> across them, <c>!</c> re-including; the last pattern that matches wins.
/// </summary>
internal static class Dockerignore
{
    /// <summary>True when the patterns exclude the top-level <c>.git</c>.</summary>
    /// <param name="text">The <c>.dockerignore</c>'s text, or null when there is none.</param>
    /// <returns>Whether <c>.git</c> is excluded.</returns>
    public static bool ExcludesGit(string? text)
    {
        if (text is null)
        {
            return false;
        }

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

            pattern = pattern.TrimEnd('/');
            if (pattern.Length > 0 && Matches(pattern, ".git"))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    // The path is one element (.git): a pattern matches it when, without leading '**/' and a trailing '/**' (all of .git's
    // files), it is one element that matches; '**' alone matches everything. No Regex: this runs after the build.
    private static bool Matches(string pattern, string path)
    {
        while (pattern.StartsWith("**/", StringComparison.Ordinal))
        {
            pattern = pattern[3..];
        }

        if (pattern.EndsWith("/**", StringComparison.Ordinal))
        {
            pattern = pattern[..^3];
        }

        return pattern == "**" || (!pattern.Contains('/', StringComparison.Ordinal) && Wildcard(pattern, 0, path, 0));
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
