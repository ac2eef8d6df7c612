using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Cache mounts carried through the registry, on the real buildx and BuildKit: each pipeline runs on a fresh runner (the
/// builder removed, its cache mounts with it), so a mount the build finds filled was filled from the registry. The
/// Dockerfile's <c>RUN</c> keeps random bytes in its cache mount (made once, when missing) and prints their digest: the
/// same digest in a later pipeline means the same bytes; it also keeps a copy of <c>deps.txt</c>, so a dependency change
/// changes the mount's content and an unrelated change does not. A later <c>RUN</c> after <c>COPY src.txt</c> mounts the
/// cache too (as a publish step reads the restored packages), so a change to <c>src.txt</c> needs the mount filled; a
/// change to <c>notes.txt</c>, which no instruction copies, does not.
/// </summary>
public sealed partial class CacheMountTests() : RealStackFixture("mounts")
{
    private const string MountTag = ".mount-deps";
    private const string SecretVariable = "E2E_MOUNT_TOKEN";

    private static readonly string SecretValue = "tok-" + Guid.NewGuid().ToString("N");

    private static string Dockerfile(string from, bool secret = false) => $"""
        FROM {from}
        COPY deps.txt /deps.txt
        RUN {(secret ? "--mount=type=secret,id=token,required=true " : string.Empty)}--mount=type=cache,id=deps,target=/cache ( [ -f /cache/blob ] || head -c 300000 /dev/urandom > /cache/blob ) && cp /deps.txt "/cache/deps-$(cat /deps.txt)" && echo "mount blob $(sha256sum /cache/blob | cut -c1-64)"
        COPY src.txt /src.txt
        RUN --mount=type=cache,id=deps,target=/cache ls /cache > /dev/null && cat /src.txt

        """;

    private static string OwnedDockerfile => $$"""
        ARG BASE={{EndToEndSetUp.BaseImage}}
        FROM ${BASE}
        COPY deps.txt /deps.txt
        RUN --mount=type=cache,id=owned,target=/cache,uid=1234,gid=2345,mode=0750 ( [ -f /cache/blob ] || { head -c 3000 /dev/urandom > /cache/blob && chown 1234:2345 /cache/blob && chmod 0640 /cache/blob; } ) && cp /deps.txt "/cache/deps-$(cat /deps.txt)" && echo "mount owner $(stat -c %u:%g:%a /cache) $(stat -c %u:%g:%a /cache/blob)" && echo "mount blob $(sha256sum /cache/blob | cut -c1-64)"

        """;

    private string Cache => Scene.CacheRepository;

    [Test]
    public void A_mount_filled_by_one_pipeline_is_there_byte_for_byte_in_the_next_on_a_fresh_runner_and_an_unrelated_change_exports_nothing()
    {
        var first = Publish("main", Commit("main", "d1", "s1"));
        var bytes = BlobDigest(first);
        Assert.That(first.Output, Does.Contain("cache mount 'deps': no image yet"));
        Assert.That(first.Output, Does.Contain($"exported to {Scene.Image}/cache:main{MountTag}"));
        var written = Registry.Digest(Cache, "main" + MountTag);
        Assert.That(written, Is.Not.Null, "main's mount image: " + string.Join(", ", Registry.Tags(Cache)));

        FreshRunner();
        var second = Publish("main", Commit("main", "d2", "s1"));
        Assert.That(second.Output, Does.Contain($"cache mount 'deps': filled from {Scene.Image}/cache:main{MountTag}"), "deps.txt, copied before the RUN, changed");
        Assert.That(BlobDigest(second), Is.EqualTo(bytes), "the RUN found pipeline 1's bytes in its cache mount");
        Assert.That(second.Output, Does.Contain("content changed: exported to"), "deps-d2 is new in the mount");
        var rewritten = Registry.Digest(Cache, "main" + MountTag);
        Assert.That(rewritten, Is.Not.EqualTo(written));

        FreshRunner();
        var beforeThird = HelperBuilds().Count;
        var third = Publish("main", Commit("main", "d2", "s2"));
        Assert.That(HelperBuilds().Skip(beforeThird), Is.EqualTo(new[] { "fill", "buildx-cache-mount-measure" }), "the second RUN ran: the mount is checked, not pushed");
        Assert.That(third.Output, Does.Contain($"cache mount 'deps': filled from {Scene.Image}/cache:main{MountTag}"), "src.txt is copied before the second RUN that mounts the cache");
        Assert.That(third.Output, Does.Match(@"cache mount 'deps': [^\n]* unchanged \(sha256:[0-9a-f]{64}\), not exported"), "src.txt is no input of the mount");
        Assert.That(Registry.Digest(Cache, "main" + MountTag), Is.EqualTo(rewritten), "the mount image was not pushed again");

        // Nothing any step reads changed: no helper runs before or after the build, and every step comes from the cache.
        FreshRunner();
        var helpers = HelperBuilds().Count;
        var fourth = Publish("main", Commit("main", "d2", "s2", notes: "n2"));
        Assert.That(fourth.Output, Does.Contain($"cache mount 'deps': not filled: its steps' inputs match {Scene.Image}/cache:main's cache (the steps will come from the layer cache)"));
        Assert.That(fourth.Output, Does.Contain("cache mount 'deps': unchanged (no step that mounts it ran), not checked"));
        Assert.That(HelperBuilds().Skip(helpers), Is.Empty, "no fill, no measure, no push helper build");
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That((report.Ran, report.Cached), Is.EqualTo((0, report.BuildSteps)), report.Counts.ToString());
        Assert.That(Registry.Digest(Cache, "main" + MountTag), Is.EqualTo(rewritten));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-report.json")));
        var mount = json.RootElement.GetProperty("cacheMounts")[0];
        Assert.That(
            (mount.GetProperty("id").GetString(), mount.GetProperty("fill").GetProperty("filled").GetBoolean(), mount.GetProperty("after").GetProperty("result").GetString()),
            Is.EqualTo(("deps", false, "unchanged")));
    }

    [Test]
    public void A_new_branch_is_filled_from_mains_image_and_a_fork_writes_nothing()
    {
        var main = Publish("main", Commit("main", "d1", "s1"));
        var bytes = BlobDigest(main);

        FreshRunner();
        var branch = Publish("feature", Commit("feature", "d2", "s1"));
        Assert.That(branch.Output, Does.Contain($"cache mount 'deps': filled from {Scene.Image}/cache:main{MountTag}"));
        Assert.That(BlobDigest(branch), Is.EqualTo(bytes));
        Assert.That(Registry.Tags(Cache), Does.Contain("feature" + MountTag), "the branch's changed mount is its own");
        var tags = Registry.Tags(Cache);
        var mainMount = Registry.Digest(Cache, "main" + MountTag);

        FreshRunner();
        var sha = Commit("patch-1", "d3", "s1");
        var fork = Scene.Run(Scene.GitLab().MergeRequest("patch-1", "patch-1", target: "main", fork: true).With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8])), "--target=Publish", "--cache-mounts=auto");
        Assert.That(fork.ExitCode, Is.EqualTo(0), fork.ToString());
        Assert.That(fork.Output, Does.Contain($"cache mount 'deps': filled from {Scene.Image}/cache:main{MountTag}"));
        Assert.That(BlobDigest(fork), Is.EqualTo(bytes));
        Assert.That(fork.Output, Does.Contain("cache mount 'deps': not exported"));
        Assert.That(Registry.Tags(Cache), Is.EquivalentTo(tags), "the fork added no tag");
        Assert.That(Registry.Digest(Cache, "main" + MountTag), Is.EqualTo(mainMount), "main's mount image is untouched");
    }

    [Test]
    public void A_mount_with_uid_gid_and_mode_under_a_FROM_of_a_global_ARG_keeps_its_owner_and_mode_through_the_registry()
    {
        var first = Publish("main", Commit("main", "d1", "s1", dockerfile: OwnedDockerfile));
        var owner = OwnerLine().Match(first.Output);
        Assert.That(owner.Success, Is.True, first.Output);
        Assert.That(owner.Groups["folder"].Value, Is.EqualTo("1234:2345:750"), "BuildKit made the folder with the mount's options");
        Assert.That(first.Output, Does.Contain($"exported to {Scene.Image}/cache:main.mount-owned"));

        FreshRunner();
        var second = Publish("main", Commit("main", "d2", "s1", dockerfile: OwnedDockerfile));
        Assert.That(second.Output, Does.Contain($"cache mount 'owned': filled from {Scene.Image}/cache:main.mount-owned"), "the helper's FROM ${BASE} resolved");
        var again = OwnerLine().Match(second.Output);
        Assert.That(again.Success, Is.True, second.Output);
        Assert.That((again.Groups["folder"].Value, again.Groups["file"].Value), Is.EqualTo(("1234:2345:750", owner.Groups["file"].Value)), "the folder's and the file's owner and mode survived the round trip");
        Assert.That(BlobDigest(second), Is.EqualTo(BlobDigest(first)));
    }

    [Test]
    public void A_secret_mounted_beside_the_cache_mount_is_not_in_the_mount_image()
    {
        var sha = Commit("main", "d1", "s1", secret: true);
        var run = BuildApp.Run(
            Scene.Workspace.Path,
            Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]), (SecretVariable, SecretValue)).Over(Scene.Sandbox),
            ["--target=Publish", "--cache-mounts=auto", "--secret=id=token,env=" + SecretVariable, .. Scene.BuilderArguments],
            secret: SecretValue,
            timeout: TimeSpan.FromMinutes(10));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        Scene.LogInAsDeveloper();
        var files = Extract($"{Scene.Image}/cache:main{MountTag}");
        try
        {
            AssertOnlyTheMount(files, run);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(files)!, recursive: true);
        }
    }

    private static void AssertOnlyTheMount(string files, BuildRun run)
    {
        var names = Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(files, file)).Order(StringComparer.Ordinal).ToList();
        Assert.That(names, Is.EqualTo(new[] { "blob", "deps-d1" }), "only the mount's folder is in the image");
        Assert.That(names.Select(name => File.ReadAllBytes(Path.Combine(files, name))).Any(content => System.Text.Encoding.UTF8.GetString(content).Contains(SecretValue, StringComparison.Ordinal)), Is.False);
        Assert.That(run.Output, Does.Not.Contain(SecretValue));
    }

    private BuildRun Publish(string branch, string sha)
    {
        var run = Scene.Run(Scene.GitLab().Branch(branch, branch).With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8])), "--target=Publish", "--cache-mounts=auto");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        TestContext.Out.WriteLine($"{branch} {sha[..8]}: {run.Elapsed.TotalSeconds:0.0} s; " + string.Join("; ", run.Lines.Where(line => line.StartsWith("cache mount '", StringComparison.Ordinal))));
        return run;
    }

    /// <summary>An ephemeral runner's next job: no builder, so no cache mount.</summary>
    private void FreshRunner()
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
    }

    /// <summary>Commits the app on <paramref name="branch"/> (made from the current commit when new); returns the sha.</summary>
    private string Commit(string branch, string deps, string src, bool secret = false, string notes = "n1", string? dockerfile = null)
    {
        var repository = Scene.Workspace.Repository;
        var branches = repository.Git("branch", "--list", branch);
        repository.Git(branches.Length == 0 ? ["checkout", "-q", "-b", branch] : ["checkout", "-q", branch]);
        Scene.Workspace.Write("Dockerfile", dockerfile ?? Dockerfile(EndToEndSetUp.BaseImage, secret));
        Scene.Workspace.Write("deps.txt", deps);
        Scene.Workspace.Write("src.txt", src);
        Scene.Workspace.Write("notes.txt", notes);
        repository.Git("add", "Dockerfile", "deps.txt", "src.txt", "notes.txt");
        return repository.Commit($"{deps} {src}");
    }

    /// <summary>The helper builds the module ran so far (their Dockerfile in a <c>buildx-cache-mount-</c> folder), each as its target (none for the fill).</summary>
    private List<string> HelperBuilds() =>
    [
        .. Scene.Sandbox.DockerCalls()
            .Where(call => call.Count > 1 && call[0] == "buildx" && call[1] == "build" && call.Any(argument => argument.Contains("buildx-cache-mount-", StringComparison.Ordinal)))
            .Select(call => call.SkipWhile(argument => argument != "--target").Skip(1).FirstOrDefault() ?? "fill"),
    ];

    /// <summary>The digest the RUN printed of the random bytes in its cache mount.</summary>
    private static string BlobDigest(BuildRun run)
    {
        var match = BlobLine().Match(run.Output);
        Assert.That(match.Success, Is.True, "the RUN step ran and printed its mount's digest:\n" + run.Output);
        return match.Groups["digest"].Value;
    }

    /// <summary>The files of an image in the registry, extracted by a plain <c>docker buildx build</c> with a local output.</summary>
    private string Extract(string image)
    {
        var directory = Directory.CreateTempSubdirectory("mount-image-").FullName;
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), $"FROM {image}\n");
        var output = Path.Combine(directory, "out");
        var build = Scene.Docker("buildx", "build", "--builder", Scene.Builder, "--output", "type=local,dest=" + output, directory);
        Assert.That(build.ExitCode, Is.EqualTo(0), build.Output);
        return output;
    }

    [GeneratedRegex(@"mount owner (?<folder>\d+:\d+:\d+) (?<file>\d+:\d+:\d+)")]
    private static partial Regex OwnerLine();

    [GeneratedRegex(@"mount blob (?<digest>[0-9a-f]{64})")]
    private static partial Regex BlobLine();
}
