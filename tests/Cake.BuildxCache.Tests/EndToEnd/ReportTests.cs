using System.Text.Json;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The report and the hand-off read from what the real buildx 0.36 prints and writes: the plain and the rawjson
/// progress of the same warm build give the same report, and the digest in the metadata file is the registry's.
/// </summary>
public sealed class ReportTests() : RealStackFixture("report")
{
    private Dictionary<string, string> Job() => Scene.GitLab().Branch("main", "main");

    private ReportFile Publish(params string[] arguments)
    {
        var run = Scene.Run(Job(), ["--target=Publish", .. arguments]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return ReportFile.Read(Scene.Workspace);
    }

    private void FreshRunner() => Assert.That(Scene.Docker("buildx", "rm", "--force", Scene.Builder).ExitCode, Is.EqualTo(0));

    [Test]
    public void Plain_and_rawjson_progress_of_the_same_warm_build_give_the_same_report()
    {
        var cold = Publish("--progress=plain");
        FreshRunner();
        var plain = Publish("--progress=plain");
        FreshRunner();
        var rawjson = Publish("--progress=rawjson");
        TestContext.Out.WriteLine($"cold: {cold}\nplain: {plain}\nrawjson: {rawjson}");

        Assert.That(cold.ProgressFormat, Is.EqualTo("plain"));
        Assert.That((cold.Cached, cold.Ran), Is.EqualTo((0, cold.BuildSteps)), "cold: every step ran");
        Assert.That(plain.ProgressFormat, Is.EqualTo("plain"));
        Assert.That(rawjson.ProgressFormat, Is.EqualTo("rawjson"));
        Assert.That(plain.Ran, Is.Zero, plain.ToString());
        Assert.That((rawjson.BuildSteps, rawjson.Cached, rawjson.Ran), Is.EqualTo((plain.BuildSteps, plain.Cached, plain.Ran)));
        Assert.That(rawjson.Imported, Is.EqualTo(plain.Imported).And.EqualTo(new[] { $"{Scene.Image}/cache:main" }));
        Assert.That(rawjson.Exported, Is.EqualTo(plain.Exported).And.True);
        Assert.That(rawjson.StatusOf("RUN sleep"), Is.EqualTo("cached"));
    }

    [Test]
    public void The_metadata_file_and_the_hand_off_carry_the_digest_the_registry_serves()
    {
        Publish();

        var digest = Registry.Digest(Scene.Project, "main");
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-metadata.json")));
        Assert.That(metadata.RootElement.GetProperty("containerimage.digest").GetString(), Is.EqualTo(digest));
        Assert.That(metadata.RootElement.TryGetProperty("buildx.build.ref", out _), Is.True, "buildx 0.36 records the build's ref");
        var env = File.ReadAllLines(Path.Combine(Scene.Workspace.Path, "artifacts", "build.env"));
        Assert.That(env, Has.Member("IMAGE_DIGEST=" + digest));
        Assert.That(Registry.Digest(Scene.Project, Scene.Workspace.ShortSha), Is.EqualTo(digest), "every tag names the same image");
    }
}
