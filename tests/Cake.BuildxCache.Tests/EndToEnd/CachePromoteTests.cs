using System.Text;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>--cache-promote</c> with the real buildx and BuildKit: two pipelines of one branch run at once, the older one
/// finishing last, and the branch ref keeps the newer cache; then the registry prune removes the promoted commit ref.
/// </summary>
public sealed partial class CachePromoteTests() : RealStackFixture("promote")
{
    private static void Succeeded(BuildRun run) => Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

    private CacheRecord? RecordOnBranchRef() =>
        Registry.Manifest(Scene.CacheRepository, "main") is { } body ? RecordedManifest.Read(Encoding.UTF8.GetBytes(body)) : null;

    private static IEnumerable<string> PromoteLines(BuildRun run) => run.Lines.Where(line => line.Contains("cache promote:", StringComparison.Ordinal));

    /// <summary>A second checkout of the scene's repository at <paramref name="commit"/>, as another runner has it.</summary>
    private TemporaryDirectory Checkout(string commit)
    {
        var directory = new TemporaryDirectory();
        var clone = ProcessRunner.Run("git", ["clone", "--quiet", Scene.Workspace.Path, directory.Path], Scene.Workspace.Path, null, TimeSpan.FromMinutes(1));
        Assert.That(clone.ExitCode, Is.EqualTo(0), clone.Output);
        var checkout = ProcessRunner.Run("git", ["checkout", "--quiet", "--detach", commit], directory.Path, null, TimeSpan.FromMinutes(1));
        Assert.That(checkout.ExitCode, Is.EqualTo(0), checkout.Output);
        File.Copy(Path.Combine(Scene.Workspace.Path, "buildkitd.toml"), Path.Combine(directory.Path, "buildkitd.toml"));
        return directory;
    }

    private string CommitWithSleep(int seconds, string message)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Scene.Workspace.Path, "Dockerfile"));
        Scene.Workspace.Write("Dockerfile", SleepStep().Replace(dockerfile, $"RUN sleep {seconds} "));
        Scene.Workspace.Repository.Git("add", "Dockerfile");
        return Scene.Workspace.Repository.Commit(message);
    }

    private BuildRun Publish(string directory, string commit, params string[] arguments) =>
        BuildApp.Run(
            directory,
            Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", commit), ("CI_COMMIT_SHORT_SHA", commit[..8]), ("BUILDX_CACHE_RECORD_KEY", "9e1d4c7b2a5f8e3d6c9b2a5f8e1d4c7b2a5f8e3d")).Over(Scene.Sandbox),
            ["--target=Publish", "--cache-promote", .. arguments, .. Scene.BuilderArguments],
            secret: Registry.Password,
            timeout: TimeSpan.FromMinutes(10));

    [Test]
    public void Two_concurrent_pipelines_where_the_older_finishes_last_leave_the_newer_cache_on_the_branch_ref()
    {
        // The first pipeline of the branch: its ref does not exist yet, so it is promoted to.
        var seed = Scene.Workspace.Sha;
        var first = Publish(Scene.Workspace.Path, seed);
        Succeeded(first);
        Assert.That(RecordOnBranchRef()?.Commit, Is.EqualTo(seed), string.Join('\n', PromoteLines(first)));

        // A, then B on top of it. A's slow step sleeps long, so A's pipeline, started first, ends last.
        var a = CommitWithSleep(16, "A: slow");
        var b = CommitWithSleep(1, "B: fast");
        using var checkoutA = Checkout(a);
        using var checkoutB = Checkout(b);
        var runA = Task.Run(() => Publish(checkoutA.Path, a));
        Thread.Sleep(TimeSpan.FromSeconds(3));
        var runB = Task.Run(() => Publish(checkoutB.Path, b));
        Task.WaitAll(runA, runB);
        var (older, newer) = (runA.Result, runB.Result);
        Succeeded(older);
        Succeeded(newer);
        TestContext.Out.WriteLine($"A (older): {older.Elapsed.TotalSeconds:0.0} s\n  {string.Join("\n  ", PromoteLines(older))}");
        TestContext.Out.WriteLine($"B (newer): {newer.Elapsed.TotalSeconds:0.0} s\n  {string.Join("\n  ", PromoteLines(newer))}");
        TestContext.Out.WriteLine($"seed: {string.Join("\n  ", PromoteLines(first))}");

        var bEnded = File.GetLastWriteTimeUtc(Path.Combine(checkoutB.Path, "artifacts", "buildx-report.json"));
        var aEnded = File.GetLastWriteTimeUtc(Path.Combine(checkoutA.Path, "artifacts", "buildx-report.json"));
        Assert.That(aEnded, Is.GreaterThan(bEnded), "the older pipeline finished last");
        Assert.That(newer.Output, Does.Contain($"the branch ref holds {seed[..8]}, an ancestor of {b[..8]}: promoting"));
        Assert.That(older.Output, Does.Contain($"the branch ref holds {b[..8]}, a descendant of {a[..8]}").And.Contain("not promoted"));
        Assert.That(RecordOnBranchRef()?.Commit, Is.EqualTo(b), "the branch ref holds B's cache");
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.SupersetOf(new[] { "main", "main-" + seed[..8], "main-" + a[..8], "main-" + b[..8] }));

        // The registry prune takes the promoted commit ref (B's: the branch ref holds a copy under its own digest) and
        // keeps the others: superseded, but written within the hour, when a promotion could still be running.
        var branchDigest = Registry.Digest(Scene.CacheRepository, "main");
        var prune = Scene.Run(Scene.GitLab().Branch("main", "main"), "--target=PruneCache", "--prune-registry", "--confirm", "--live-branches=main");
        Succeeded(prune);
        TestContext.Out.WriteLine(string.Join('\n', prune.Lines.Where(line => line.Contains("main", StringComparison.Ordinal))));
        Assert.That(prune.Lines, Has.Some.Match($@"^\s+delete\s+main-{b[..8]}\s.*promoted"));
        Assert.That(prune.Lines, Has.Some.Match($@"^\s+keep\s+main-{a[..8]}\s.*its promotion may still run"));
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main", "main-" + seed[..8], "main-" + a[..8] }));
        Assert.That(Registry.Digest(Scene.CacheRepository, "main"), Is.EqualTo(branchDigest), "the branch ref is untouched");

        // The next pipeline of B on a fresh runner reads the branch ref: B's cache, every step from it.
        Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        var next = Publish(checkoutB.Path, b, "--cache-readonly=true", "--cache-promote=false");
        Succeeded(next);
        var report = ReportFile.ReadAt(checkoutB.Path);
        TestContext.Out.WriteLine($"next: {report}");
        Assert.That(report.Imported, Has.Member($"{Scene.Image}/cache:main"), report.ToString());
        Assert.That(report.Ran, Is.Zero, "every step came from B's cache on the branch ref: " + report);
    }

    [Test]
    public void BuildKit_imports_a_promoted_cache_index_with_the_record_in_its_annotations()
    {
        var sha = Scene.Workspace.Sha;
        Succeeded(Publish(Scene.Workspace.Path, sha, "--cache-image-manifest=false"));
        var branchRef = Registry.Manifest(Scene.CacheRepository, "main")!;
        using (var json = System.Text.Json.JsonDocument.Parse(branchRef))
        {
            Assert.That(json.RootElement.GetProperty("mediaType").GetString(), Is.EqualTo("application/vnd.oci.image.index.v1+json"), branchRef);
        }

        Assert.That(RecordedManifest.Read(Encoding.UTF8.GetBytes(branchRef))?.Commit, Is.EqualTo(sha), branchRef);
        var inputs = Cake.BuildxCache.Miss.CacheInputs.From(RecordedManifest.Read(Encoding.UTF8.GetBytes(branchRef)));
        Assert.That(inputs.BuildArgs, Does.ContainKey("GIT_COMMIT"), "the promotion's record carries what the cache was written with");
        Assert.That(inputs.BaseImages, Does.ContainKey(EndToEndSetUp.BaseImage));

        Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        var warm = Publish(Scene.Workspace.Path, sha, "--cache-readonly=true", "--cache-promote=false");

        Succeeded(warm);
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That(report.Imported, Has.Member($"{Scene.Image}/cache:main"), report.ToString());
        Assert.That(report.Ran, Is.Zero, "every step came from the promoted index: " + report);
    }

    [GeneratedRegex(@"RUN sleep \d+ ")]
    private static partial Regex SleepStep();
}
