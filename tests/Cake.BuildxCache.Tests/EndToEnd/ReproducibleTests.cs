using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>--reproducible</c> (the default) with the real buildx and BuildKit: the same commit built on two fresh builders
/// gives the same image, and the second run says "image unchanged"; the next commit keeps its cache hits, because the
/// commit's epoch goes to the image output only. The trap beside it: the same epoch passed as the
/// <c>SOURCE_DATE_EPOCH</c> build argument costs the next commit every step from <c>WORKDIR</c> on.
/// The figures docs/reproducible.md quotes are printed by these tests.
/// </summary>
public sealed class ReproducibleTests() : RealStackFixture("repro")
{
    /// <summary>When commit N+1 was made (GitLab's CI_COMMIT_TIMESTAMP): a day after the test repository's commits.</summary>
    private const string NextCommitTime = "2024-01-02T09:30:00+01:00";

    private static string Dockerfile(string from) => $"""
        FROM {from}
        WORKDIR /app
        RUN echo one > one && sleep 2
        RUN echo two > two
        COPY app.txt ./
        ARG GIT_COMMIT
        RUN echo "commit $GIT_COMMIT" > /commit
        CMD ["cat", "/app/one", "/commit"]

        """;

    private static void Succeeded(BuildRun run) => Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

    /// <summary>An ephemeral runner's next job: no builder, so no local cache and no local image store.</summary>
    private void FreshRunner()
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
    }

    /// <summary>Commits the Dockerfile with WORKDIR and RUN steps; returns the sha.</summary>
    private string CommitApp(string content)
    {
        Scene.Workspace.Write("Dockerfile", Dockerfile(EndToEndSetUp.BaseImageWithHistory));
        Scene.Workspace.Write("app.txt", content);
        Scene.Workspace.Repository.Git("add", "-A");
        return Scene.Workspace.Repository.Commit("app " + content);
    }

    private Dictionary<string, string> MainJob(string sha) =>
        Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]));

    private BuildRun Publish(Dictionary<string, string> job, params string[] arguments) =>
        Scene.Run(job, ["--target=Publish", .. arguments]);

    private ImageIdentity Pushed(string sha)
    {
        var digest = Registry.Digest(Scene.Project, sha[..8]);
        Assert.That(digest, Is.Not.Null, "the commit's tag was pushed");
        var manifest = Registry.Manifest(Scene.Project, digest!);
        Assert.That(manifest, Is.Not.Null);
        return ImageIdentity.Parse(digest!, Encoding.UTF8.GetBytes(manifest!));
    }

    /// <summary>The image manifest and configuration a tag's image manifest points at, for a failure's message.</summary>
    private string Dump(string reference)
    {
        var manifest = Registry.Manifest(Scene.Project, reference) ?? "(none)";
        var identity = ImageIdentity.Parse(reference, Encoding.UTF8.GetBytes(manifest));
        var text = new StringBuilder().AppendLine(manifest);
        foreach (var image in identity.ImageManifests.Where(image => image != reference))
        {
            text.AppendLine(Dump(image));
        }

        using var json = JsonDocument.Parse(manifest);
        if (json.RootElement.TryGetProperty("config", out var config))
        {
            text.AppendLine(Registry.Blob(Scene.Project, config.GetProperty("digest").GetString()!));
        }

        return text.ToString();
    }

    private JsonElement ImageReport()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-report.json")));
        return json.RootElement.GetProperty("image").Clone();
    }

    [Test]
    public void The_same_commit_on_two_fresh_builders_gives_the_same_image_and_the_second_run_says_image_unchanged()
    {
        var sha = CommitApp("v1");
        var job = MainJob(sha);

        var first = Publish(job);
        Succeeded(first);
        var firstImage = Pushed(sha);
        Assert.That(ImageReport().GetProperty("change").GetString(), Is.EqualTo("new"), first.Output);
        FreshRunner();

        var second = Publish(job);
        Succeeded(second);
        var secondImage = Pushed(sha);
        var report = ImageReport();
        TestContext.Out.WriteLine($"default attestations: first index {firstImage.Digest} image {string.Join(", ", firstImage.ImageManifests)}; second index {secondImage.Digest} image {string.Join(", ", secondImage.ImageManifests)}; report {report}");

        var argv = string.Join(' ', Scene.Calls("buildx", "build")[^1]);
        Assert.That(argv, Does.Contain("type=image,source-date-epoch=1704067200"), "the commit time went to the image output, and no layer is rewritten (the cache serves the same bytes)");
        Assert.That(argv, Does.Not.Contain("SOURCE_DATE_EPOCH"), "and never as a build argument");
        Assert.That(secondImage.ImageManifests, Is.EqualTo(firstImage.ImageManifests), "the same image manifest on two fresh builders");
        Assert.That(firstImage.Attestations, Is.EqualTo(1), "buildx's default provenance attestation");
        Assert.That(secondImage.Digest, Is.EqualTo(firstImage.Digest), "the tag stays on the first build's index: only the attestation of the second is new");
        Assert.That(second.Output, Does.Contain("image unchanged"));
        Assert.That(report.GetProperty("unchanged").GetBoolean(), Is.True, report.ToString());
        Assert.That(report.GetProperty("change").GetString(), Is.AnyOf("unchanged", "same-image"), report.ToString());
    }

    [Test]
    public void The_same_commit_on_a_feature_branch_on_two_fresh_builders_gives_the_same_image()
    {
        // Main's cache exists, so the branch's chain could read two refs: a rerun must still take every step from its own.
        Succeeded(Publish(MainJob(CommitApp("v1"))));
        FreshRunner();
        Scene.Workspace.Repository.Git("checkout", "-q", "-b", "feature/repro");
        var sha = CommitApp("v2");
        var job = Scene.GitLab().Branch("feature/repro", "feature-repro").With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]));

        Succeeded(Publish(job));
        var firstImage = Pushed(sha);
        FreshRunner();
        var second = Publish(job);
        Succeeded(second);
        var secondImage = Pushed(sha);
        var report = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"feature branch: first {string.Join(", ", firstImage.ImageManifests)}, second {string.Join(", ", secondImage.ImageManifests)}; {report}");

        Assert.That(report.Ran, Is.Zero, "the rerun took every step from the branch's cache: " + report);
        Assert.That(secondImage.ImageManifests, Is.EqualTo(firstImage.ImageManifests), "the same image manifest on two fresh builders");
        Assert.That(second.Output, Does.Contain("image unchanged"));
    }

    [Test]
    public void Without_provenance_the_same_commit_pushes_the_very_same_manifest_and_moves_no_tag()
    {
        var sha = CommitApp("v1");
        var job = MainJob(sha);

        Succeeded(Publish(job, "--provenance=false"));
        var firstDigest = Registry.Digest(Scene.Project, "main");
        FreshRunner();
        var second = Publish(job, "--provenance=false");
        Succeeded(second);
        var secondDigest = Registry.Digest(Scene.Project, "main");
        var report = ImageReport();
        TestContext.Out.WriteLine($"--provenance=false: first {firstDigest}, second {secondDigest}; report {report}");
        if (secondDigest != firstDigest)
        {
            TestContext.Out.WriteLine("first:\n" + Dump(firstDigest!) + "\nsecond:\n" + Dump(secondDigest!));
        }

        Assert.That(second.Output, Does.Contain("image unchanged"));

        Assert.That(secondDigest, Is.EqualTo(firstDigest));
        Assert.That(report.GetProperty("change").GetString(), Is.EqualTo("unchanged"), report.ToString());
        Assert.That(second.Output, Does.Contain($"{Scene.Image}:{sha[..8]}").And.Contain($"already pointed at {firstDigest}; the push moved no tag"));
    }

    [Test]
    public void With_reproducible_off_the_same_commit_gives_another_image()
    {
        var sha = CommitApp("v1");
        var job = MainJob(sha);

        Succeeded(Publish(job, "--provenance=false", "--reproducible=false"));
        var firstDigest = Registry.Digest(Scene.Project, "main");
        FreshRunner();
        Succeeded(Publish(job, "--provenance=false", "--reproducible=false"));
        var secondDigest = Registry.Digest(Scene.Project, "main");
        TestContext.Out.WriteLine($"--reproducible=false: first {firstDigest}, second {secondDigest}");

        Assert.That(secondDigest, Is.Not.EqualTo(firstDigest), "the build time is in the image");
        Assert.That(ImageReport().ValueKind, Is.EqualTo(JsonValueKind.Null), "no image check without reproducible");
    }

    [Test]
    public void The_next_commit_keeps_its_cache_hits_and_the_epoch_as_a_build_argument_loses_them()
    {
        // Ours: the epoch on the image output only. Commit N, then N+1 on a fresh runner from N's registry cache.
        var first = CommitApp("v1");
        Succeeded(Publish(MainJob(first)));
        FreshRunner();
        var next = CommitApp("v2");
        var nextJob = MainJob(next).With(("CI_COMMIT_TIMESTAMP", NextCommitTime));
        var ours = Publish(nextJob);
        Succeeded(ours);
        var oursReport = ReportFile.Read(Scene.Workspace);
        FreshRunner();

        // The trap: the same epochs as SOURCE_DATE_EPOCH build arguments (reproducible off, or validation refuses them).
        var trapCache = $"--cache-repo={Scene.Image}/cache-trap";
        Succeeded(Publish(MainJob(first), trapCache, "--reproducible=false", "--build-arg=SOURCE_DATE_EPOCH=1704067200"));
        FreshRunner();
        var trap = Publish(nextJob, trapCache, "--reproducible=false", $"--build-arg=SOURCE_DATE_EPOCH={DateTimeOffset.Parse(NextCommitTime, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds()}");
        Succeeded(trap);
        var trapReport = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"commit N+1, epoch on the output: {oursReport}");
        TestContext.Out.WriteLine($"commit N+1, epoch as build argument: {trapReport}");

        Assert.That(oursReport.StatusOf("WORKDIR"), Is.EqualTo("cached"), oursReport.ToString());
        Assert.That(oursReport.StatusOf("RUN echo one"), Is.EqualTo("cached"), oursReport.ToString());
        Assert.That(oursReport.StatusOf("RUN echo two"), Is.EqualTo("cached"), oursReport.ToString());
        Assert.That(oursReport.StatusOf("RUN echo \"commit"), Is.EqualTo("done"), "the commit's own step ran: " + oursReport);
        Assert.That(oursReport.StatusOf("COPY app.txt"), Is.EqualTo("done"), "app.txt changed: " + oursReport);
        Assert.That(trapReport.StatusOf("WORKDIR"), Is.EqualTo("done"), "the epoch build argument is in WORKDIR's cache key: " + trapReport);
        Assert.That(trapReport.StatusOf("RUN echo one"), Is.EqualTo("done"), trapReport.ToString());
        Assert.That(trapReport.Cached, Is.LessThan(oursReport.Cached), $"trap {trapReport.Cached}, ours {oursReport.Cached}");
    }
}
