using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// examples/consumer as another repository adopts the module: both projects packed into a folder feed, the
/// consumer copied to a fresh git repository, restored from that feed (Cake.Tool from the normal feed) and run:
/// its context's two options and its own tasks show in Plan and --tree; with the real buildx, Publish and its own
/// SmokeTest in a GitLab job, and on a laptop its own Release target, which depends on Publish, pushes.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class ConsumerTests
{
    private TemporaryDirectory _directory = null!;
    private PackedPackages _packages = null!;
    private string _consumer = null!;

    private string Version => _packages.Version;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _packages = PackedPackages.Shared;
        _directory = new TemporaryDirectory();
        _consumer = Path.Combine(_directory.Path, "consumer");
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "examples", "consumer"), _consumer);
        _packages.CopyTo(Path.Combine(_consumer, "packages"));

        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.name=Consumer", "-c", "user.email=consumer@example.com", "commit", "-q", "-m", "consumer");
    }

    [OneTimeTearDown]
    public void OneTimeTearDown() => _directory?.Dispose();

    [Test]
    public void The_packed_packages_carry_the_cake_engine_props_and_symbols()
    {
        foreach (var id in new[] { "Cake.BuildxCache", "Cake.BuildxCache.Hosting" })
        {
            Assert.That(File.Exists(_packages.File(id)), id);
            Assert.That(File.Exists(_packages.File(id, "snupkg")), id + " symbols");
            using var package = System.IO.Compression.ZipFile.OpenRead(_packages.File(id));
            var entries = package.Entries.Select(entry => entry.FullName).ToList();
            Assert.That(entries, Does.Contain($"buildTransitive/{id}.props").And.Contain("README.md").And.Contain($"lib/net10.0/{id}.xml"));
            Assert.That(entries, Has.None.Contains("Cake.Core"));
        }
    }

    [Test]
    public void Plan_shows_the_options_the_consumer_context_overrides()
    {
        var run = Run("--target=Plan", "--image=127.0.0.1:5000/group/app");

        var plan = new PlanOutput(run.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToList());
        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { "127.0.0.1:5000/group/app:main", "127.0.0.1:5000/group/app:latest" }), "TagSha = false");
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { "type=registry,ref=127.0.0.1:5000/group/app/cache:buildcache-main" }), "CacheTagPrefix");
    }

    [Test]
    public void Tree_shows_the_consumers_tasks_under_their_dependencies()
    {
        var run = Run("--tree");

        var lines = run.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var own = lines.IndexOf("SmokeTest");
        Assert.That(own, Is.GreaterThanOrEqualTo(0), run.Output);
        Assert.That(lines[own + 1], Does.EndWith("BuildWithCache"), run.Output);
        var release = lines.IndexOf("Release");
        Assert.That(release, Is.GreaterThanOrEqualTo(0), run.Output);
        Assert.That(lines[release + 1], Does.EndWith("Publish"), run.Output);
    }

    [Test]
    [Category("RealStack")]
    public void Publish_and_the_consumers_own_task_run_with_the_real_buildx_into_the_registry()
    {
        RealStack.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        BuildFromTheRunsRegistry();
        var sha = ProcessRunner.Run("git", ["rev-parse", "HEAD"], _consumer).StandardOutput.Trim();
        var environment = new Dictionary<string, string?>(
            Ci.GitLab(registry.Host, "consumer/app", registry.User, registry.Password, sha).Branch("main", "main").Over(sandbox)
                .Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
        {
            ["CakeBuildxCacheVersion"] = Version,
            ["GITHUB_ACTIONS"] = null,
            ["BUILDX_IMAGE"] = null,
            ["BUILDX_DOCKERFILE"] = "Dockerfile.e2e",
            // The sandbox's HOME is empty: keep the machine's package cache (the engine and the packages just restored).
            ["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder,
        };

        var run = ProcessRunner.Run(
            Path.Combine(_consumer, "build.sh"),
            ["--target=Publish", "--target=SmokeTest", "--builder=" + TestBuilders.NewName(), "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml"],
            _consumer,
            environment,
            TimeSpan.FromMinutes(5));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain($"built {registry.Host}/consumer/app:main"), "the consumer's own task ran after the build");
        Assert.That(registry.Tags("consumer/app"), Is.EquivalentTo(new[] { "main", "latest" }), "TagSha = false: no sha tag");
        Assert.That(registry.Tags("consumer/app/cache"), Is.EqualTo(new[] { "buildcache-main" }), "CacheTagPrefix");
        Assert.That(run.Output, Does.Contain($"Published {registry.Host}/consumer/app@{registry.Digest("consumer/app", "main")}"));
        Assert.That(sandbox.DockerCalls().Select(call => call[0]), Does.Contain("login").And.Contain("buildx"));
        Assert.That(run.Output, Does.Not.Contain(registry.Password));
    }

    [Test]
    [Category("RealStack")]
    public void The_consumers_own_Release_target_pushes_on_a_laptop_through_Publish()
    {
        RealStack.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        BuildFromTheRunsRegistry();
        var image = $"{registry.Host}/consumer/release";
        // A laptop: no CI variables; the developer's credentials in the environment.
        var environment = new Dictionary<string, string?>(sandbox.Environment().Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
        {
            ["CakeBuildxCacheVersion"] = Version,
            ["CI"] = null,
            ["GITLAB_CI"] = null,
            ["GITHUB_ACTIONS"] = null,
            ["BUILDX_IMAGE"] = null,
            ["BUILDX_DOCKERFILE"] = "Dockerfile.e2e",
            ["BUILDX_REGISTRY_USER"] = registry.User,
            ["BUILDX_REGISTRY_PASSWORD"] = registry.Password,
            ["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder,
        };

        var run = ProcessRunner.Run(
            Path.Combine(_consumer, "build.sh"),
            ["--target=Release", "--image=" + image, "--builder=" + TestBuilders.NewName(), "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml"],
            _consumer,
            environment,
            TimeSpan.FromMinutes(5));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        var build = sandbox.DockerCalls().Where(call => call.Count > 1 && call[0] == "buildx" && call[1] == "build").ToList();
        Assert.That(build, Has.Count.EqualTo(1), "one build: Publish's");
        Assert.That(build[0], Has.Member("--push").And.No.Member("--load"));
        Assert.That(registry.Tags("consumer/release"), Has.Member("main"), "pushed to the registry");
        Assert.That(run.Output, Does.Contain($"released {image}@{registry.Digest("consumer/release", "main")}"), "the consumer's Release ran after Publish");
        Assert.That(registry.Tags("consumer/release/cache"), Is.EqualTo(new[] { "buildcache-main" }), "a pushing run writes its branch's cache");
        Assert.That(run.Output, Does.Not.Contain(registry.Password));
    }

    /// <summary>
    /// The example's Dockerfile starts from Docker Hub, which is not reachable here: the same build from the run's base
    /// image, and a buildkitd.toml for the run's plain-HTTP registry; committed once.
    /// </summary>
    private void BuildFromTheRunsRegistry()
    {
        if (File.Exists(Path.Combine(_consumer, "Dockerfile.e2e")))
        {
            return;
        }

        File.WriteAllText(Path.Combine(_consumer, "Dockerfile.e2e"), Workspace.Dockerfile(EndToEndSetUp.BaseImage));
        File.WriteAllText(Path.Combine(_consumer, "buildkitd.toml"), $"[registry.\"{EndToEndSetUp.Registry.Host}\"]\n  http = true\n");
        Git("add", "Dockerfile.e2e", "buildkitd.toml");
        Git("-c", "user.name=Consumer", "-c", "user.email=consumer@example.com", "commit", "-q", "-m", "e2e build");
    }

    private ProcessResult Run(params string[] arguments)
    {
        var run = ProcessRunner.Run(
            Path.Combine(_consumer, "build.sh"),
            arguments,
            _consumer,
            new Dictionary<string, string?>
            {
                ["CakeBuildxCacheVersion"] = Version,
                ["CI"] = null,
                ["GITLAB_CI"] = null,
                ["GITHUB_ACTIONS"] = null,
                ["BUILDX_IMAGE"] = null,
            },
            TimeSpan.FromMinutes(5));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        return run;
    }

    private void Git(params string[] arguments)
    {
        var git = ProcessRunner.Run("git", arguments, _consumer);
        Assert.That(git.ExitCode, Is.EqualTo(0), git.Output);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "packages"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
        }
    }
}
