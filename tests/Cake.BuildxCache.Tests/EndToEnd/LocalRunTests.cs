using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// A developer's laptop with the real buildx and engine: no CI variables, a git checkout on a branch, and a
/// <c>docker login</c> done once by hand. <c>Default</c> loads the image into the engine and writes no cache;
/// asked to push, the run pushes the image and writes the branch's cache.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
[Category("RealStack")]
public sealed class LocalRunTests
{
    private RealScene _scene = null!;

    private static RegistryServer Registry => RealScene.Registry;

    [SetUp]
    public void SetUp()
    {
        _scene = RealScene.Create("local");
        _scene.LogInAsDeveloper();
    }

    [TearDown]
    public void TearDown() => _scene?.Dispose();

    /// <summary>The laptop: only the sandbox's variables, none of a CI job's.</summary>
    private static Dictionary<string, string> Laptop() => [];

    [Test]
    public void Default_loads_the_image_into_the_engine_and_leaves_the_registry_alone()
    {
        Assert.That(_scene.LoadedImages(), Is.Empty);

        var run = _scene.Run(Laptop(), "--target=Default", "--image=" + _scene.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("no credentials"), "the developer's own login is used: " + run.Output);
        var build = _scene.Calls("buildx", "build").Single();
        Assert.That(build, Has.Member("--load").And.No.Member("--push").And.No.Member("--cache-to"));
        Assert.That(_scene.LoadedImages(), Has.Member(_scene.Image + ":main"), "docker image ls shows the image");
        var output = _scene.Docker("run", "--rm", "--network=host", _scene.Image + ":main");
        Assert.That(output.StandardOutput, Does.Contain("slow stage done").And.Contain("commit " + _scene.Workspace.Sha), "the image runs");
        Assert.That(Registry.Tags(_scene.Project), Is.Empty);
        Assert.That(Registry.Tags(_scene.CacheRepository), Is.Empty, "a local run only reads the cache");
    }

    [Test]
    public void A_local_run_asked_to_push_pushes_the_image_and_writes_the_branch_cache()
    {
        _scene.Workspace.Repository.Git("checkout", "-q", "-b", "feature/laptop");

        var run = _scene.Run(Laptop(), "--target=Publish", "--image=" + _scene.Image, "--push=true");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var build = _scene.Calls("buildx", "build").Single();
        Assert.That(build, Has.Member("--push").And.No.Member("--load"));
        Assert.That(Registry.Tags(_scene.Project), Is.SupersetOf(new[] { "feature-laptop", _scene.Workspace.ShortSha }));
        Assert.That(Registry.Tags(_scene.CacheRepository), Is.EqualTo(new[] { "feature-laptop" }));
        Assert.That(run.Output, Does.Contain($"Published {_scene.Image}@{Registry.Digest(_scene.Project, "feature-laptop")}"));
    }
}
