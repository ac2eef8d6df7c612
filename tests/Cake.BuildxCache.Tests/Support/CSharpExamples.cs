using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// The C# examples of the documentation: every fenced <c>```csharp</c> block of README.md and docs/*.md, found by
/// reading the Markdown, with the HTML comment on the line before its fence that says what it is, so that a test
/// knows how to compile it:
/// <list type="bullet">
/// <item><c>&lt;!-- csharp: cake-script --&gt;</c>: a Cake script, compiled by the official runner; one without an
/// <c>#addin</c> line is the body of a script that loads the module first.</item>
/// <item><c>&lt;!-- csharp: program --&gt;</c>: a C# build program's <c>Program.cs</c>, compiled in a build project
/// that references the packages.</item>
/// <item><c>&lt;!-- csharp: program-file --&gt;</c>: another file of the same project as the page's <c>program</c>
/// block before it.</item>
/// </list>
/// </summary>
internal static partial class CSharpExamples
{
    /// <summary>The kinds a block may be marked with.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["cake-script", "program", "program-file"];

    /// <summary>Each <c>```csharp</c> block: where it is (<c>README.md:73</c>), its kind (null when unmarked) and its text.</summary>
    public static IEnumerable<CSharpExample> All()
    {
        var documents = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md")
            .Prepend(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Order(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var page = Path.GetRelativePath(RepositoryRoot.Path, document);
            var lines = File.ReadAllLines(document);
            for (var index = 0; index < lines.Length; index++)
            {
                var open = Fence().Match(lines[index]);
                if (!open.Success || !string.Equals(open.Groups["info"].Value.Trim(), "csharp", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var marker = index > 0 ? Marker().Match(lines[index - 1]) : Match.Empty;
                var kind = marker.Success ? marker.Groups["kind"].Value : null;
                var indent = open.Groups["indent"].Value.Length;
                var body = new List<string>();
                var start = index + 1;
                for (index = start; index < lines.Length && !ClosingFence().IsMatch(lines[index]); index++)
                {
                    var line = lines[index];
                    body.Add(line[Math.Min(indent, line.Length - line.TrimStart(' ').Length)..]);
                }

                Assert.That(index, Is.LessThan(lines.Length), $"{page}:{start}: the ```csharp block is never closed");
                yield return new CSharpExample(page, $"{page}:{start}", kind, string.Join('\n', body) + "\n");
            }
        }
    }

    /// <summary>
    /// The C# build programs: each <c>program</c> block with the <c>program-file</c> blocks after it on its page (until
    /// the next <c>program</c>).
    /// </summary>
    public static IEnumerable<IReadOnlyList<CSharpExample>> Programs()
    {
        List<CSharpExample>? current = null;
        foreach (var example in All())
        {
            if (example.Kind == "program")
            {
                if (current is not null)
                {
                    yield return current;
                }

                current = [example];
            }
            else if (example.Kind == "program-file" && current is not null && current[0].Page == example.Page)
            {
                current.Add(example);
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    [GeneratedRegex(@"^(?<indent>[ ]*)```(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*```\s*$")]
    private static partial Regex ClosingFence();

    [GeneratedRegex(@"^\s*<!--\s*csharp:\s*(?<kind>[a-z-]+)\s*-->\s*$")]
    private static partial Regex Marker();
}

/// <summary>One <c>```csharp</c> block of the documentation.</summary>
/// <param name="Page">The document, relative to the repository (<c>docs/adopting.md</c>).</param>
/// <param name="Where">The document and the block's first line (<c>docs/adopting.md:57</c>).</param>
/// <param name="Kind">What the comment before the fence says it is; null without one.</param>
/// <param name="Text">The block's text.</param>
internal sealed record CSharpExample(string Page, string Where, string? Kind, string Text);
