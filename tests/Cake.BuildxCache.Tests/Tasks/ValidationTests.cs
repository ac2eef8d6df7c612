using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>Bad options stop every task before any docker process starts, with a message naming the option.</summary>
public sealed class ValidationTests
{
    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return new TestCaseData(new[] { "--cache-mode=medium" }, "cache-mode", "must be one of min, max").SetName("cache-mode=medium");
        yield return new TestCaseData(new[] { "--push=perhaps" }, "push", "is not a boolean").SetName("push=perhaps");
        yield return new TestCaseData(new[] { "--prune-until=3 days" }, "prune-until", null).SetName("prune-until=3 days");
        yield return new TestCaseData(new[] { "--dockerfile=missing.Dockerfile" }, "dockerfile", "the Dockerfile does not exist").SetName("missing Dockerfile");
        yield return new TestCaseData(new[] { "--bake-file=missing.hcl" }, "bake-file", "the bake file does not exist").SetName("missing bake file");
        yield return new TestCaseData(new[] { "--driver-opt=network" }, "driver-opt", "is not key=value").SetName("driver-opt without value");
        yield return new TestCaseData(new[] { "--image=localhost:5000/app", "--builder-driver=kubernetes" }, "builder-driver", "BuildKit pods in the cluster do not reach the registry localhost:5000").SetName("loopback registry, kubernetes builder");
        yield return new TestCaseData(new[] { "--image=127.0.0.1:5000/app", "--builder-driver=remote", "--builder-endpoint=tcp://buildkit.example.com:1234" }, "builder-endpoint", "runs elsewhere and does not reach the registry 127.0.0.1:5000").SetName("loopback registry, remote builder elsewhere");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void A_bad_option_fails_publish_naming_it_before_any_docker_process(string[] arguments, string option, string? reason)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run(["--target=Publish", .. arguments]);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("with the buildx options; nothing was run:"));
        Assert.That(run.Output, Does.Contain(option));
        if (reason is not null)
        {
            Assert.That(run.Output, Does.Contain(reason));
        }
    }

    [Test]
    public void A_SOURCE_DATE_EPOCH_in_the_job_conflicts_with_reproducible_before_any_docker_process()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.With(Jobs.GitLabFeatureBranch(), ("SOURCE_DATE_EPOCH", "1704067200")));

        var run = host.Run("--target=Publish");
        var off = new BuildxHost(workspace, Jobs.With(Jobs.GitLabFeatureBranch(), ("SOURCE_DATE_EPOCH", "1704067200"))).Run("--target=Plan", "--reproducible=false");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("reproducible 'true'").And.Contain("environment variable SOURCE_DATE_EPOCH=1704067200").And.Contain("--reproducible=false"));
        Assert.That(off.Output, Does.Not.Contain("SOURCE_DATE_EPOCH=1704067200, which buildx forwards"), "with reproducible off the user's epoch is theirs");
    }

    [Test]
    public void In_CI_without_an_image_the_run_fails_naming_the_option_before_any_docker_process()
    {
        using var workspace = Workspace.Plain();
        var job = Jobs.GitLabFeatureBranch();
        job.Remove("CI_REGISTRY_IMAGE");
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("with the buildx options; nothing was run:"));
        Assert.That(run.Output, Does.Contain("image").And.Contain("--image=registry.example.com/group/app"));
    }

    [TestCase("EnsureBuilder")]
    [TestCase("Login")]
    [TestCase("BuildWithCache")]
    [TestCase("PruneCache")]
    [TestCase("Default")]
    public void Every_task_refuses_bad_options_before_docker(string target)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run($"--target={target}", "--cache-mode=medium");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("cache-mode"));
    }

    [Test]
    public void All_problems_are_listed_at_once()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=Publish", "--cache-mode=medium", "--context=nowhere");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("2 problems with the buildx options; nothing was run:"));
        Assert.That(run.Output, Does.Contain("cache-mode").And.Contain("context"));
    }

    [Test]
    public void Plan_prints_the_problems_and_fails_without_docker()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=Plan", "--cache-mode=medium");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("Problems\n  - "));
    }
}
