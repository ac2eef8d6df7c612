using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Reads the table of <c>docker buildx ls</c>: 0.10's shape (node lines indented by two spaces,
/// <c>name *</c> for the current builder) and the newer tree shape (node lines <c> \_ name  \_ endpoint</c>,
/// <c>name*</c>). Columns are split on blanks: status and BuildKit version are single words, platforms the rest.
/// Newer buildx abbreviates a platform's variants (<c>linux/amd64 (+4), linux/386</c>): the count is dropped, so
/// only the printed platforms are listed (<c>inspect</c> has them all).
/// </summary>
public static partial class BuilderListParser
{
    /// <summary>Parses ls output.</summary>
    /// <param name="lines">The output lines.</param>
    /// <returns>The builders in printed order.</returns>
    public static IReadOnlyList<BuilderListEntry> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var builders = new List<(string Name, string Driver, bool Current, List<BuilderListNode> Nodes)>();

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith("NAME/NODE", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => word != "\\_").ToList();
            if (char.IsWhiteSpace(line[0]))
            {
                if (builders.Count > 0 && words.Count >= 2)
                {
                    builders[^1].Nodes.Add(Node(words));
                }

                continue;
            }

            // A builder line: NAME[*] [*] DRIVER …; lines of another shape (warnings) are skipped.
            var name = words[0];
            var current = name.EndsWith('*');
            var next = 1;
            if (words.Count > 1 && words[1] == "*")
            {
                current = true;
                next = 2;
            }

            if (words.Count > next)
            {
                builders.Add((name.TrimEnd('*'), words[next], current, []));
            }
        }

        return builders.Select(b => new BuilderListEntry(b.Name, b.Driver, b.Current, b.Nodes)).ToList();
    }

    private static BuilderListNode Node(List<string> words)
    {
        var rest = words.Skip(2).ToList();
        string? status = null;
        string? version = null;
        if (rest.Count > 0 && !IsPlatform(rest[0]))
        {
            status = rest[0];
            rest.RemoveAt(0);
        }

        if (rest.Count > 0 && !IsPlatform(rest[0]))
        {
            version = rest[0];
            rest.RemoveAt(0);
        }

        var platforms = HiddenCount().Replace(string.Join(' ', rest), string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(platform => platform.TrimEnd('*'))
            .ToList();
        return new BuilderListNode(words[0], words[1], status, version, platforms);
    }

    private static bool IsPlatform(string word) => word.Contains('/', StringComparison.Ordinal);

    // ` (+4)` after a platform: how many more of its variants buildx left out.
    [GeneratedRegex(@"\s*\(\+\d+\)")]
    private static partial Regex HiddenCount();
}
