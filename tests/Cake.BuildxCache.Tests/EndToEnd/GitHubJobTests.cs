using System.Text.Json;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// A GitHub Actions job with the real buildx, BuildKit and registry: Publish hands its result on in
/// <c>$GITHUB_OUTPUT</c> and <c>$GITHUB_STEP_SUMMARY</c> (read back here as the runner would), and logs out at the end,
/// so the runner's docker config keeps no credentials.
/// </summary>
public sealed class GitHubJobTests() : RealStackFixture("github")
{
    private TemporaryDirectory? _runner;

    /// <summary>The runner's own files (event payload, output and summary files), outside the repository.</summary>
    private TemporaryDirectory Runner => _runner ??= new TemporaryDirectory();

    [TearDown]
    public void RemoveRunnerFiles()
    {
        _runner?.Dispose();
        _runner = null;
    }

    private Dictionary<string, string> Job(string step)
    {
        var payload = Runner.Write("event.json", """{"repository":{"default_branch":"main","full_name":"org/app"}}""");
        return Ci.GitHub(Scene.Workspace.Sha, "push", payload, Registry.Password).With(
            ("BUILDX_REGISTRY_USER", Registry.User),
            ("GITHUB_REF", "refs/heads/main"),
            ("GITHUB_REF_NAME", "main"),
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_OUTPUT", Runner.Write(step + "-output", string.Empty)),
            ("GITHUB_STEP_SUMMARY", Runner.Write(step + "-summary.md", string.Empty)));
    }

    /// <summary>Reads a step's output file as the runner does: <c>name&lt;&lt;DELIMITER</c>, the value's lines, <c>DELIMITER</c>.</summary>
    private static (Dictionary<string, string> Outputs, HashSet<string> Delimiters) ReadOutputs(string path)
    {
        var outputs = new Dictionary<string, string>();
        var delimiters = new HashSet<string>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf("<<", StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThan(0), $"line {i + 1} of {path} is not name<<delimiter: {lines[i]}");
            var (name, delimiter) = (lines[i][..at], lines[i][(at + 2)..]);
            delimiters.Add(delimiter);
            var value = new List<string>();
            while (lines[++i] != delimiter)
            {
                value.Add(lines[i]);
            }

            outputs[name] = string.Join('\n', value);
        }

        return (outputs, delimiters);
    }

    [Test]
    public void Publish_writes_the_step_outputs_and_summary_and_leaves_no_login_behind()
    {
        var image = Scene.Image;
        var first = Job("first");
        var second = Job("second");

        var cold = Scene.Run(first, "--target=Publish", "--image=" + image);
        var again = Scene.Run(second, "--target=Publish", "--image=" + image);

        Assert.That(cold.ExitCode, Is.EqualTo(0), cold.ToString());
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        var digest = Registry.Digest(Scene.Project, "main");
        var (outputs, delimiters) = ReadOutputs(second["GITHUB_OUTPUT"]);
        Assert.That(outputs["image"], Is.EqualTo(image));
        Assert.That(outputs["digest"], Is.EqualTo(digest));
        Assert.That(outputs["tags"].Split('\n'), Is.EqualTo(new[] { image + ":main", $"{image}:{Scene.Workspace.ShortSha}", image + ":latest" }));
        Assert.That(outputs["cache-ref"], Is.EqualTo(image + "/cache:main"));
        Assert.That(outputs["image-verdict"], Is.EqualTo("unchanged"), "the same commit again: the reproducible image is the one the tags had");
        Assert.That(ReadOutputs(first["GITHUB_OUTPUT"]).Outputs["image-verdict"], Is.EqualTo("changed"), "the first push");
        Assert.That(outputs, Does.Not.ContainKey("cache-promotion"), "no --cache-promote");
        using (var images = JsonDocument.Parse(outputs["images"]))
        {
            var only = images.RootElement.EnumerateArray().Single();
            Assert.That(only.GetProperty("image").GetString(), Is.EqualTo(image));
            Assert.That(only.GetProperty("digest").GetString(), Is.EqualTo(digest));
            Assert.That(only.GetProperty("image-verdict").GetString(), Is.EqualTo("unchanged"));
        }

        Assert.That(delimiters, Has.Count.EqualTo(1).And.None.Contains(image));
        Assert.That(ReadOutputs(first["GITHUB_OUTPUT"]).Delimiters, Is.Not.EquivalentTo(delimiters), "a new delimiter each run");
        var summary = File.ReadAllText(second["GITHUB_STEP_SUMMARY"]);
        Assert.That(summary, Does.Contain($"- digest: `{digest}`").And.Contain("- image: **unchanged** — image unchanged"));
        foreach (var file in Directory.GetFiles(Runner.Path))
        {
            Assert.That(File.ReadAllText(file), Does.Not.Contain(Registry.Password), file);
        }

        // CI logs out at the end by default: the runner's docker config keeps no auth for the registry.
        Assert.That(Scene.Calls("logout"), Is.EqualTo(new[] { new[] { "logout", Registry.Host }, new[] { "logout", Registry.Host } }));
        Assert.That(Scene.Sandbox.StoredLogins(), Is.Empty);
    }
}
