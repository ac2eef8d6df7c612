using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/*.md says what it is (<see cref="CSharpExamples"/>), so that
/// <c>EndToEnd/DocsCSharpExamplesTests</c> compiles each; and the package version every example names is the one the
/// README's Pack command makes.
/// </summary>
public sealed partial class CSharpExampleMarkersTests
{
    [Test]
    public void Every_csharp_block_says_what_it_is()
    {
        var examples = CSharpExamples.All().ToList();

        Assert.That(examples, Is.Not.Empty, "no ```csharp block found in README.md or docs/*.md: the Markdown reading is broken");
        Assert.That(
            examples.Where(example => example.Kind is null || !CSharpExamples.Kinds.Contains(example.Kind)).Select(example => example.Where),
            Is.Empty,
            $"put <!-- csharp: KIND --> on the line before the fence, KIND one of {string.Join(", ", CSharpExamples.Kinds)}");
    }

    [Test]
    public void A_program_file_belongs_to_a_program_before_it_on_its_page()
    {
        var inPrograms = CSharpExamples.Programs().SelectMany(program => program).Select(example => example.Where).ToHashSet();

        Assert.That(
            CSharpExamples.All().Where(example => example.Kind == "program-file" && !inPrograms.Contains(example.Where)).Select(example => example.Where),
            Is.Empty);
    }

    [Test]
    public void Every_example_names_the_version_the_READMEs_Pack_command_makes()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var packed = PackVersion().Match(readme);
        Assert.That(packed.Success, Is.True, "README.md shows ./build.sh --target=Pack --package-version=X");
        var version = packed.Groups["version"].Value;

        var named = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Prepend(Path.Combine(RepositoryRoot.Path, "README.md"))
            .SelectMany(path => PackageVersion().Matches(File.ReadAllText(path)).Select(match => (Path.GetFileName(path), match.Value, match.Groups["version"].Value)))
            .ToList();

        Assert.That(named, Is.Not.Empty);
        Assert.That(named.Where(item => item.Item3 != version).Select(item => $"{item.Item1}: {item.Item2}"), Is.Empty, $"README's Pack makes {version}");
    }

    [GeneratedRegex(@"--target=Pack --package-version=(?<version>[0-9][0-9A-Za-z.+-]*)")]
    private static partial Regex PackVersion();

    [GeneratedRegex(@"(package=Cake\.BuildxCache&version=|Include=""Cake\.BuildxCache(\.Hosting)?"" Version="")(?<version>[^""\s]+)")]
    private static partial Regex PackageVersion();
}
