using System.Text.Json;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The report and the hand-off read from what the real buildx 0.36 prints and writes: the plain and the rawjson
/// progress of the same warm build give the same report, BuildKit's own record of a cold and a warm build counts what
/// the progress output does, and the digest in the metadata file is the registry's.
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
    public void BuildKits_record_and_the_progress_output_count_the_same_steps_for_a_real_cold_and_warm_build()
    {
        var cold = Publish("--progress=plain");
        var coldRecord = RecordOfLastBuild();
        FreshRunner();
        var warm = Publish("--progress=plain");
        var warmRecord = RecordOfLastBuild();
        FreshRunner();
        var rawjson = Publish("--progress=rawjson");
        var rawjsonRecord = RecordOfLastBuild();
        TestContext.Out.WriteLine($"cold: {cold.Counts}\nwarm: {warm.Counts}\nwarm, rawjson: {rawjson.Counts}");

        foreach (var (name, report, record) in new[] { ("cold", cold, coldRecord), ("warm", warm, warmRecord), ("warm, rawjson", rawjson, rawjsonRecord) })
        {
            var counts = report.Counts;
            Assert.That(counts.Source, Is.EqualTo("buildRecord"), name);
            Assert.That(counts.RecordId, Is.EqualTo(record.Id), $"{name}: the record of the build the metadata file names");
            Assert.That((counts.Steps, counts.Cached), Is.EqualTo((record.Total, record.Cached)), $"{name}: what docker buildx history inspect says");
            Assert.That((counts.ProgressSteps, counts.ProgressCached), Is.EqualTo(((int?)counts.Steps, (int?)counts.Cached)), $"{name}: the progress output counts the same");
            Assert.That(counts.Disagreements, Is.Empty, name);
        }

        Assert.That(cold.Counts.Cached, Is.Zero, "cold: nothing from the cache");
        Assert.That(warm.Counts.Cached, Is.GreaterThanOrEqualTo(warm.BuildSteps).And.EqualTo(rawjson.Counts.Cached), "warm: every build step, and any other step BuildKit took from the cache");
        Assert.That(warm.Ran, Is.Zero);
    }

    /// <summary>The id the metadata file names, and what <c>docker buildx history inspect --format json</c> says of it.</summary>
    private (string Id, int Total, int Cached) RecordOfLastBuild()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-metadata.json")));
        var id = metadata.RootElement.GetProperty("buildx.build.ref").GetString()!.Split('/')[^1];
        var inspect = Scene.Docker("buildx", "history", "inspect", "--builder", Scene.Builder, "--format", "json", id);
        Assert.That(inspect.ExitCode, Is.EqualTo(0), inspect.Output);
        using var record = JsonDocument.Parse(inspect.StandardOutput);
        return (id, record.RootElement.GetProperty("NumTotalSteps").GetInt32(), record.RootElement.GetProperty("NumCachedSteps").GetInt32());
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
