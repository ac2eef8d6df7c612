using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The branches a remote has, from <c>git ls-remote --heads origin</c> output (<c>&lt;sha&gt;\trefs/heads/&lt;name&gt;</c>
/// per line), as the slugs cache tags are keyed by.
/// </summary>
internal static class RemoteBranches
{
    /// <summary>
    /// The branch names in <c>git ls-remote</c> output. <c>refs/heads/…</c> lines give branches; with
    /// <paramref name="includeTags"/>, <c>refs/tags/…</c> lines (peeled <c>^{}</c> lines folded) count too, for
    /// keeping the caches of tag pipelines. Other refs, blank lines and anything that is not
    /// <c>&lt;sha&gt;&lt;whitespace&gt;&lt;ref&gt;</c> are skipped.
    /// </summary>
    /// <param name="output">The command's standard output.</param>
    /// <param name="includeTags">Count tags as live refs too.</param>
    /// <returns>The names, without duplicates, in output order.</returns>
    public static IReadOnlyList<string> ParseLsRemote(string output, bool includeTags = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        var names = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var split = line.IndexOfAny([' ', '\t']);
            if (split <= 0 || !line[..split].All(char.IsAsciiHexDigit))
            {
                continue;
            }

            var reference = line[split..].Trim();
            string? name = null;
            if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                name = reference["refs/heads/".Length..];
            }
            else if (includeTags && reference.StartsWith("refs/tags/", StringComparison.Ordinal))
            {
                name = reference["refs/tags/".Length..];
                name = name.EndsWith("^{}", StringComparison.Ordinal) ? name[..^3] : name;
            }

            if (!string.IsNullOrEmpty(name) && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// The branch <c>git ls-remote --symref origin HEAD</c> names as the remote's default (<c>ref: refs/heads/&lt;name&gt;\tHEAD</c>), or null.
    /// </summary>
    /// <param name="output">The command's standard output.</param>
    /// <returns>The default branch, or null when the output names none.</returns>
    public static string? ParseSymrefHead(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("ref:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["ref:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "HEAD" && parts[0].StartsWith("refs/heads/", StringComparison.Ordinal) && parts[0].Length > "refs/heads/".Length)
            {
                return parts[0]["refs/heads/".Length..];
            }
        }

        return null;
    }

    /// <summary>The slugs of <paramref name="names"/> (see <see cref="RefSlug.From"/>); empty slugs dropped.</summary>
    /// <param name="names">Branch (or tag) names.</param>
    /// <returns>The set of slugs.</returns>
    public static IReadOnlySet<string> Slugs(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Select(RefSlug.From).Where(slug => slug.Length > 0).ToHashSet(StringComparer.Ordinal);
    }
}
