using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Docs;

/// <summary>
/// Every relative link of README.md and docs/*.md reaches a file of the repository and, with a <c>#fragment</c>, a
/// heading of that page (named as GitHub names heading anchors), so that moving a section breaks a test, not a reader.
/// </summary>
public sealed partial class DocsLinkTests
{
    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md")
            .Prepend(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Order(StringComparer.Ordinal);

    [Test]
    public void Every_relative_link_reaches_a_file_and_heading_of_the_repository()
    {
        var broken = new List<string>();
        var links = 0;
        foreach (var page in Pages())
        {
            foreach (Match link in Link().Matches(WithoutCode(File.ReadAllText(page))))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                links++;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var file = hash < 0 ? target : target[..hash];
                var path = file.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, file));
                var where = $"{Path.GetRelativePath(RepositoryRoot.Path, page)}: ({target})";
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add(where + ": no such file");
                }
                else if (hash >= 0 && !Anchors(path).Contains(target[(hash + 1)..]))
                {
                    broken.Add(where + ": no such heading");
                }
            }
        }

        Assert.That(links, Is.GreaterThan(10), "the link reading found next to no links: it is broken");
        Assert.That(broken, Is.Empty);
    }

    [TestCase("Why did the cache miss? (`--explain-cache-miss`)", "why-did-the-cache-miss---explain-cache-miss")]
    [TestCase("Cleaning the builder's cache", "cleaning-the-builders-cache")]
    [TestCase("Adopting it in five steps", "adopting-it-in-five-steps")]
    public void A_heading_anchor_is_named_as_GitHub_names_it(string heading, string anchor) =>
        Assert.That(Anchor(heading), Is.EqualTo(anchor));

    // GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, each space a '-'.
    private static string Anchor(string heading) =>
        Punctuation().Replace(heading.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');

    private static HashSet<string> Anchors(string path) =>
        File.Exists(path) && path.EndsWith(".md", StringComparison.Ordinal)
            ? WithoutCode(File.ReadAllText(path)).Split('\n').Select(line => Heading().Match(line)).Where(match => match.Success).Select(match => Anchor(match.Groups["text"].Value)).ToHashSet()
            : [];

    // The text outside fenced code blocks: a '#' line or a [x](y) in a code block is no heading or link.
    private static string WithoutCode(string text) => Fenced().Replace(text.ReplaceLineEndings("\n"), string.Empty);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"^[ ]*```.*?^[ ]*```[ ]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fenced();
}
