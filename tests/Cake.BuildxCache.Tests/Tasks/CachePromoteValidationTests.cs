using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// <c>--cache-promote</c> that cannot make a commit ref (a short <c>--sha</c>, a commit tag over 128 characters) is
/// refused before any docker process, not turned into a direct write of the branch ref.
/// </summary>
public sealed class CachePromoteValidationTests
{
    [Test]
    public void A_short_sha_refuses_cache_promote_naming_both_options_and_the_fix()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=Publish", "--cache-promote=true", "--sha=abc1234");
        var plan = new BuildxHost(workspace, Jobs.GitLabFeatureBranch()).Run("--target=Plan", "--cache-promote=true", "--sha=abc1234");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("with the buildx options; nothing was run:"));
        Assert.That(run.Output, Does.Contain("cache-promote").And.Contain("'abc1234' is not a full commit sha").And.Contain("--sha=$(git rev-parse HEAD)").And.Contain("--cache-promote=false"));
        Assert.That(plan.ExitCode, Is.Not.Zero, "Plan says the same: " + plan);
        Assert.That(plan.Output, Does.Not.Contain("the branch ref is written directly"));
    }

    [Test]
    public void A_commit_tag_over_128_characters_refuses_cache_promote_naming_the_scope_and_the_fix()
    {
        using var workspace = Workspace.Plain();
        // A 63-character slug and a 60-character scope fit a branch tag (124), not the commit tag beside it (133).
        var branch = "feature-" + new string('b', 55);
        var host = new BuildxHost(workspace, Jobs.With(Jobs.GitLabFeatureBranch(), ("CI_COMMIT_REF_NAME", branch), ("CI_COMMIT_REF_SLUG", branch), ("CI_COMMIT_BRANCH", branch)));
        var scope = new string('s', 60);

        var run = host.Run("--target=Publish", "--cache-promote=true", "--cache-scope=" + scope);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("cache-promote").And.Contain("at most 128 characters").And.Contain("--cache-scope").And.Contain("--cache-promote=false"));
    }

    [Test]
    public void A_full_sha_and_a_tag_that_fits_promote_as_planned()
    {
        using var workspace = Workspace.Plain();

        var plan = new BuildxHost(workspace, Jobs.GitLabFeatureBranch()).Run("--target=Plan", "--cache-promote=true");

        Assert.That(plan.ExitCode, Is.Zero, plan.ToString);
        Assert.That(plan.Output, Does.Contain("cache promote:  write "));
    }
}
