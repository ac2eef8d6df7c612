using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// The cake.config examples of the documentation: every fenced <c>```ini</c> block of README.md and docs/*.md, found
/// by reading the Markdown (so a new example is covered by itself), and every cake.config file in the repository.
/// </summary>
internal static partial class IniExamples
{
    /// <summary>Each example: where it is (<c>README.md:31</c>) and its text.</summary>
    public static IReadOnlyList<(string Where, string Text)> All() => [.. MarkdownBlocks(), .. Files()];

    /// <summary>The <c>```ini</c> blocks of README.md and docs/*.md, indentation of the fence removed (a block may sit in a list).</summary>
    public static IEnumerable<(string Where, string Text)> MarkdownBlocks()
    {
        var documents = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md")
            .Prepend(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Order(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var lines = File.ReadAllLines(document);
            for (var index = 0; index < lines.Length; index++)
            {
                var open = Fence().Match(lines[index]);
                if (!open.Success || !string.Equals(open.Groups["info"].Value.Trim(), "ini", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var indent = open.Groups["indent"].Value.Length;
                var body = new List<string>();
                var start = index + 1;
                for (index = start; index < lines.Length && !ClosingFence().IsMatch(lines[index]); index++)
                {
                    var line = lines[index];
                    body.Add(line[Math.Min(indent, line.Length - line.TrimStart(' ').Length)..]);
                }

                Assert.That(index, Is.LessThan(lines.Length), $"{document}:{start}: the ```ini block is never closed");
                yield return ($"{Path.GetRelativePath(RepositoryRoot.Path, document)}:{start}", string.Join('\n', body) + "\n");
            }
        }
    }

    /// <summary>The repository's own cake.config files (this repository's and the consumer example's).</summary>
    public static IEnumerable<(string Where, string Text)> Files() =>
        new[] { "cake.config", Path.Combine("examples", "consumer", "cake.config") }
            .Where(path => File.Exists(Path.Combine(RepositoryRoot.Path, path)))
            .Select(path => (path, File.ReadAllText(Path.Combine(RepositoryRoot.Path, path))));

    [GeneratedRegex(@"^(?<indent>[ ]*)```(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*```\s*$")]
    private static partial Regex ClosingFence();
}
