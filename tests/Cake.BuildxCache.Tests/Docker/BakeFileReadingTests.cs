using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// The user's bake file read by the real buildx (<c>docker buildx bake --print</c>, which needs no builder and no
/// daemon) through Cake's real process runner, in a copy of <c>Fixtures/buildx-0.36.1/bake/input</c>; and how the real
/// buildx merges an override file given after the user's (<c>-f user.hcl -f override.json</c>). Ignored where no docker
/// CLI is on PATH.
/// </summary>
[NonParallelizable]
public sealed class BakeFileReadingTests
{
    private TemporaryDirectory _work = null!;
    private ICakeContext _context = null!;
    private IToolLocator _tools = null!;

    [SetUp]
    public void SetUp()
    {
        var docker = ToolPath.Find("docker");
        if (docker is null)
        {
            Assert.Ignore("no docker CLI on PATH");
        }

        _work = new TemporaryDirectory();
        CopyDirectory(System.IO.Path.Combine(Fixtures.FolderOf(Fixtures.Buildx0361), "bake", "input"), _work.Path);

        var log = Substitute.For<ICakeLog>();
        var fileSystem = new FileSystem();
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        _tools = Substitute.For<IToolLocator>();
        _tools.Resolve(Arg.Any<IEnumerable<string>>()).Returns(new FilePath(docker!));
        var configuration = Substitute.For<ICakeConfiguration>();
        configuration.GetValue(Arg.Any<string>()).Returns((string?)null);
        _context = Substitute.For<ICakeContext>();
        _context.FileSystem.Returns(fileSystem);
        _context.Environment.Returns(environment);
        _context.Tools.Returns(_tools);
        var processRunner = new Cake.Core.IO.ProcessRunner(fileSystem, environment, log, _tools, configuration);
        _context.ProcessRunner.Returns(processRunner);
    }

    [TearDown]
    public void TearDown() => _work?.Dispose();

    [Test]
    public void The_default_group_of_the_file_is_read_into_images()
    {
        var readout = Read(["docker-bake.hcl"]);

        Assert.That(readout.Problems, Is.Empty);
        Assert.That(readout.Unavailable, Is.Null);
        Assert.That(readout.Images.Select(image => (image.Name, image.Image, image.Dockerfile)), Is.EqualTo(new[]
        {
            ("api", "registry.example.com/shop/api", "api/Dockerfile"),
            ("worker", "registry.example.com/shop/worker", "worker/worker.Dockerfile"),
        }));
    }

    [Test]
    public void A_target_the_file_does_not_have_is_refused_with_the_targets_it_has()
    {
        var readout = Read(["docker-bake.hcl"], "api", "nope");

        Assert.That(readout.Images, Is.Empty);
        Assert.That(readout.Problems, Is.EqualTo(new[] { "the file has no target or group 'nope' (it has: api, base, default (group), worker): name the targets to build with --bake-target" }));
    }

    [Test]
    public void A_file_that_does_not_parse_is_refused_with_buildx_message_and_the_file()
    {
        var readout = Read(["broken.hcl"]);

        Assert.That(readout.Problems.Single(), Does.StartWith("docker buildx bake cannot read it: broken.hcl:2,13-3,1: Invalid expression"));
    }

    [Test]
    public void A_missing_file_is_refused_naming_it()
    {
        var readout = Read(["missing.hcl"]);

        Assert.That(readout.Problems.Single(), Is.EqualTo("docker buildx bake cannot read it: open missing.hcl: no such file or directory"));
    }

    [Test]
    public void A_target_with_its_own_cache_is_refused()
    {
        var readout = Read(["owncache.hcl"], "api");

        Assert.That(readout.Problems, Has.Some.StartsWith("target 'api' sets cache-to"));
    }

    [Test]
    public void Without_docker_the_file_cannot_be_read_and_says_so_in_one_line()
    {
        _tools.Resolve(Arg.Any<IEnumerable<string>>()).Returns((FilePath?)null);

        var readout = Read(["docker-bake.hcl"]);

        Assert.That(readout.Problems, Is.Empty);
        Assert.That(readout.Unavailable, Does.StartWith("the bake file docker-bake.hcl cannot be read, nor the merged definition printed, without buildx (docker buildx bake --print): "));
        Assert.That(readout.Unavailable, Does.Not.Contain('\n'));
    }

    /// <summary>
    /// The module adds its cache and tags to the user's targets with an override file after the user's; the real buildx
    /// must merge it target by target: the override's cache-from, cache-to and tags replace (not add to) the user's, and
    /// the user's context, dockerfile, stage and args stay.
    /// </summary>
    [Test]
    public void An_override_file_after_the_users_gives_each_target_the_modules_cache_and_tags_and_keeps_the_users_build()
    {
        File.WriteAllText(System.IO.Path.Combine(_work.Path, "override.json"), """
            {"target": {
              "api": {
                "tags": ["127.0.0.1:5000/shop/api:feature-x"],
                "cache-from": ["type=registry,ref=127.0.0.1:5000/shop/cache:feature-x-api", "type=registry,ref=127.0.0.1:5000/shop/cache:main-api"],
                "cache-to": ["type=registry,ref=127.0.0.1:5000/shop/cache:feature-x-api,mode=max,ignore-error=true"],
                "output": ["type=registry"]
              },
              "worker": {
                "tags": ["127.0.0.1:5000/shop/worker:feature-x"],
                "cache-from": ["type=registry,ref=127.0.0.1:5000/shop/cache:feature-x-worker"],
                "cache-to": ["type=registry,ref=127.0.0.1:5000/shop/cache:feature-x-worker,mode=max,ignore-error=true"]
              }
            }}
            """);
        var runner = new BakeFileRunner(_context.FileSystem, _context.Environment, _context.ProcessRunner, _context.Tools);
        var settings = new BakeFileSettings { Print = true, Progress = "quiet", WorkingDirectory = _work.Path };
        settings.Files.Add("docker-bake.hcl");
        settings.Files.Add("override.json");

        var result = runner.Run(settings);

        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Lines));
        var merged = PrintedBakeDefinition.Parse(string.Join('\n', result.Output));
        var api = merged.Targets["api"];
        var worker = merged.Targets["worker"];
        Assert.Multiple(() =>
        {
            Assert.That(api.Tags, Is.EqualTo(new[] { "127.0.0.1:5000/shop/api:feature-x" }), "the file's :dev tag is replaced");
            Assert.That(api.CacheFrom, Is.EqualTo(new[] { "type=registry,ref=127.0.0.1:5000/shop/cache:feature-x-api", "type=registry,ref=127.0.0.1:5000/shop/cache:main-api" }), "the chain's order is kept");
            Assert.That(api.CacheTo.Single(), Does.Contain("ref=127.0.0.1:5000/shop/cache:feature-x-api").And.Contain("mode=max").And.Contain("ignore-error=true"));
            Assert.That(api.Output, Is.EqualTo(new[] { "type=registry" }));
            Assert.That(api.Context, Is.EqualTo("api"));
            Assert.That(api.Dockerfile, Is.EqualTo("Dockerfile"));
            Assert.That(api.Stage, Is.EqualTo("runtime"));
            Assert.That(api.Args, Is.EqualTo(new Dictionary<string, string> { ["NODE_VERSION"] = "22" }));
            Assert.That(api.Platforms, Is.EqualTo(new[] { "linux/amd64" }));
            Assert.That(worker.Tags, Is.EqualTo(new[] { "127.0.0.1:5000/shop/worker:feature-x" }), "both of the file's tags are replaced");
            Assert.That(worker.CacheFrom.Single(), Is.EqualTo("type=registry,ref=127.0.0.1:5000/shop/cache:feature-x-worker"));
            Assert.That(worker.Context, Is.EqualTo("worker"));
            Assert.That(worker.Dockerfile, Is.EqualTo("worker.Dockerfile"));
            Assert.That(worker.Args, Is.EqualTo(new Dictionary<string, string> { ["NODE_VERSION"] = "22", ["QUEUE"] = "jobs" }));
        });
    }

    private BakeFileReadout Read(IReadOnlyList<string> files, params string[] targets) =>
        BakeFileReading.Read(_context, _context.ProcessRunner, new BuildxCacheOptions { BakeFiles = files, BakeTargets = targets }, _work.Path);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
