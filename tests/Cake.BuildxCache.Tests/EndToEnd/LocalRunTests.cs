using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// A developer's laptop with the real buildx and engine: no CI variables, a git checkout on a branch, and a
/// <c>docker login</c> done once by hand. <c>Default</c> loads the image into the engine and writes no cache;
/// asked to push, the run pushes the image and writes the branch's cache.
/// </summary>
public sealed class LocalRunTests() : RealStackFixture("local")
{
    [SetUp]
    public void LogInAsTheDeveloperDidOnce() => Scene.LogInAsDeveloper();

    /// <summary>The laptop: only the sandbox's variables, none of a CI job's.</summary>
    private static Dictionary<string, string> Laptop() => [];

    [Test]
    public void Default_loads_the_image_into_the_engine_and_leaves_the_registry_alone()
    {
        Assert.That(Scene.LoadedImages(), Is.Empty);

        var run = Scene.Run(Laptop(), "--target=Default", "--image=" + Scene.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("no credentials"), "the developer's own login is used: " + run.Output);
        var build = Scene.Calls("buildx", "build").Single();
        Assert.That(build, Has.Member("--load").And.No.Member("--push").And.No.Member("--cache-to"));
        Assert.That(Scene.LoadedImages(), Has.Member(Scene.Image + ":main"), "docker image ls shows the image");
        var output = Scene.Docker("run", "--rm", "--network=host", Scene.Image + ":main");
        Assert.That(output.StandardOutput, Does.Contain("slow stage done").And.Contain("commit " + Scene.Workspace.Sha), "the image runs");
        Assert.That(Registry.Tags(Scene.Project), Is.Empty);
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.Empty, "a local run only reads the cache");

        // --load adds buildx's own "importing to docker" step, which BuildKit's record does not count.
        var counts = ReportFile.Read(Scene.Workspace).Counts;
        Assert.That(counts.Source, Is.EqualTo("buildRecord"), counts.ToString());
        Assert.That(counts.Disagreements, Is.Empty, counts.ToString());
        Assert.That(run.Output, Does.Contain("importing to docker"));
    }

    [Test]
    public void A_local_run_asked_to_push_pushes_the_image_and_writes_the_branch_cache()
    {
        Scene.Workspace.Repository.Git("checkout", "-q", "-b", "feature/laptop");

        var run = Scene.Run(Laptop(), "--target=Publish", "--image=" + Scene.Image, "--push=true");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var build = Scene.Calls("buildx", "build").Single();
        Assert.That(build, Has.Member("--push").And.No.Member("--load"));
        Assert.That(Registry.Tags(Scene.Project), Is.SupersetOf(new[] { "feature-laptop", Scene.Workspace.ShortSha }));
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EqualTo(new[] { "feature-laptop" }));
        Assert.That(run.Output, Does.Contain($"Published {Scene.Image}@{Registry.Digest(Scene.Project, "feature-laptop")}"));
    }
}
