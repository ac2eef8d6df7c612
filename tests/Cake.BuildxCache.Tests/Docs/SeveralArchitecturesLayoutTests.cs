using System.Text.RegularExpressions;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Docs;

/// <summary>
/// docs/several-architectures.md shows the GitLab and GitHub fan-out layouts as the example files hold them, and every
/// <c>./build.sh</c> line in them passes the option checks: a fan-out job with its one platform, Merge with them all.
/// </summary>
public sealed partial class SeveralArchitecturesLayoutTests
{
    private static string Page => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "several-architectures.md"));

    [TestCase("examples/several-architectures/.gitlab-ci.yml")]
    [TestCase("examples/github/several-architectures.yml")]
    public void The_page_shows_the_example_file_as_it_is(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));

        Assert.That(YamlBlocks().Matches(Page).Select(match => match.Groups["body"].Value), Has.Member(text), file);
    }

    [TestCase("examples/several-architectures/.gitlab-ci.yml", "$PLATFORM", "linux/arm64")]
    [TestCase("examples/github/several-architectures.yml", "${{ matrix.platform }}", "linux/arm64")]
    public void Each_build_line_passes_the_option_checks(string file, string platformVariable, string platform)
    {
        var lines = BuildLines().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, file))).Select(match => match.Groups["args"].Value.Replace(platformVariable, platform, StringComparison.Ordinal)).ToList();

        Assert.That(lines, Has.Some.StartsWith("--target=Publish").And.Some.StartsWith("--target=Merge"), file);
        foreach (var line in lines)
        {
            var options = new BuildxCacheOptions { Image = "registry.example.com/app" };
            foreach (var argument in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(argument => !argument.StartsWith("--target=", StringComparison.Ordinal)))
            {
                var equals = argument.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = equals < 0 ? (argument[2..], "true") : (argument[2..equals], argument[(equals + 1)..]);
                options = name switch
                {
                    "platform" => options with { Platforms = value.Split(',') },
                    "fan-out" => options with { FanOut = true },
                    _ => throw new AssertionException($"{file}: unexpected argument {argument}"),
                };
            }

            Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: false), Is.Empty, line);
        }
    }

    [GeneratedRegex(@"```yaml\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlocks();

    [GeneratedRegex(@"\./build\.sh (?<args>--target=(Publish|Merge)[^\n]*)")]
    private static partial Regex BuildLines();
}
