using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>Plan's <c>cache scope:</c> line: the scope the cache refs carry and why, from every way it is decided.</summary>
public sealed class CacheScopePlanTests
{
    [TestCase(new[] { "--platform=linux/386" }, "linux-386 (from --platform)", "feature-jira-7-cache-linux-386")]
    [TestCase(new[] { "--stage=test", "--platform=linux/arm64" }, "test-linux-arm64 (from --stage and --platform)", "feature-jira-7-cache-test-linux-arm64")]
    [TestCase(new[] { "--platform=linux/amd64,linux/386" }, "none (2 platforms in one build share one ref)", "feature-jira-7-cache")]
    [TestCase(new[] { "--stage=test", "--cache-scope=ci-x86" }, "ci-x86 (from --cache-scope)", "feature-jira-7-cache-ci-x86")]
    [TestCase(new[] { "--stage=test", "--cache-scope=none" }, "none (turned off, from --cache-scope)", "feature-jira-7-cache")]
    public void Plan_says_the_cache_scope_and_why(string[] arguments, string line, string cacheTag)
    {
        using var workspace = Workspace.Plain();
        workspace.Write(Workspace.Dockerfile, "FROM scratch AS build\nCOPY . /src\nFROM build AS test\n");
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run(["--target=Plan", .. arguments]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("  cache scope:    " + line));
        Assert.That(run.Output, Does.Contain($"  cache to:       type=registry,ref={Jobs.GitLabImage}/cache:{cacheTag},"));
    }

    [Test]
    public void Without_a_platform_stage_or_scope_Plan_has_no_scope_line()
    {
        using var workspace = Workspace.Plain();

        var run = new BuildxHost(workspace, Jobs.GitLabFeatureBranch()).Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Not.Contain("cache scope:"));
    }

    [Test]
    public void A_scope_that_makes_no_valid_tag_stops_the_build_before_docker_runs()
    {
        using var workspace = Workspace.Plain();

        var run = new BuildxHost(workspace, Jobs.GitLabFeatureBranch()).Run("--target=Publish", "--cache-scope=linux/386");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, "no docker command ran");
        Assert.That(run.Output, Does.Contain("cache-scope 'linux/386' (from --cache-scope): would make invalid cache tags: a scope holds only letters, digits, '_', '.' and '-' (e.g. linux-arm64); set --cache-scope="));
    }
}
