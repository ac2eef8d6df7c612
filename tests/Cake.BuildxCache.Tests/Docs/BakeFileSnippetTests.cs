using System.Text.RegularExpressions;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Docs;

/// <summary>
/// Every <c>```hcl</c> block of docs/*.md is a bake file a user may copy: the real buildx reads it
/// (<c>docker buildx bake -f FILE --print</c>, which needs no engine and no Dockerfile) into the targets the marker before
/// it names (<c>&lt;!-- hcl: targets api, worker --&gt;</c>), and the module's own reader takes each as an image.
/// </summary>
[Category("RealStack")]
public sealed partial class BakeFileSnippetTests
{
    public static IEnumerable<TestCaseData> Snippets() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Order(StringComparer.Ordinal)
            .SelectMany(page => HclBlocks().Matches(File.ReadAllText(page).Replace("\r\n", "\n", StringComparison.Ordinal)).Select((match, i) =>
                new TestCaseData(Path.GetFileName(page), match.Groups["targets"].Value, match.Groups["body"].Value).SetArgDisplayNames($"{Path.GetFileName(page)}#{i + 1}")));

    [Test]
    public void Docs_have_a_bake_file_snippet() =>
        Assert.That(Snippets().Select(snippet => snippet.Arguments[0]), Has.Member("several-images.md"));

    [Test]
    public void Every_hcl_block_names_its_targets_in_a_marker() =>
        Assert.Multiple(() =>
        {
            foreach (var page in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md"))
            {
                var text = File.ReadAllText(page).Replace("\r\n", "\n", StringComparison.Ordinal);
                Assert.That(HclBlocks().Count(text), Is.EqualTo(Regex.Count(text, "^```hcl$", RegexOptions.Multiline)), $"{Path.GetFileName(page)}: every ```hcl block is preceded by <!-- hcl: targets NAME, NAME -->");
            }
        });

    [TestCaseSource(nameof(Snippets))]
    public void The_snippet_is_read_by_buildx_into_its_targets_and_each_maps_to_an_image(string page, string targets, string hcl)
    {
        RealStack.Require();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "docker-bake.hcl");
        File.WriteAllText(file, hcl);

        var print = ProcessRunner.Run("docker", ["buildx", "bake", "-f", file, "--print", "--progress", "quiet"], directory.Path, timeout: TimeSpan.FromMinutes(1));

        Assert.That(print.ExitCode, Is.Zero, $"{page}: buildx could not read the snippet: {print.Output}");
        var expected = targets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var definition = PrintedBakeDefinition.Parse(print.StandardOutput);
        Assert.That(definition.Targets.Keys, Is.EqualTo(expected), $"{page}: the default group's targets");
        var readout = BakeFileImages.Map(definition, ["docker-bake.hcl"]);
        Assert.That(readout.Problems, Is.Empty, page);
        Assert.That(readout.Images.Select(image => image.Name), Is.EqualTo(expected), page);
    }

    [GeneratedRegex(@"<!-- hcl: targets (?<targets>[^>]*?) -->\n```hcl\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex HclBlocks();
}
