using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>The logout at the end of a run: by default in CI, never by default on a laptop, <c>--logout</c> wins.</summary>
public sealed class LogoutPolicyTests
{
    private static GitRefInfo Where(string place) => place switch
    {
        "gitlab" => GitLabBranch("main"),
        "gitlab-mr" => GitLabMergeRequest("topic", "main"),
        "github" => GitHubPush("main"),
        "github-pr" => GitHubPullRequest("feat/x", "main"),
        "local" => LocalBranch("feature/x"),
        _ => LocalDetached(),
    };

    [TestCase("gitlab", null, true, "at the end, of the registries this run logged in to (GitLabCI: the job's credentials do not outlive the run; --logout=false keeps them)")]
    [TestCase("gitlab-mr", null, true, "at the end, of the registries this run logged in to (GitLabCI: the job's credentials do not outlive the run; --logout=false keeps them)")]
    [TestCase("github", null, true, "at the end, of the registries this run logged in to (GitHubActions: the job's credentials do not outlive the run; --logout=false keeps them)")]
    [TestCase("github-pr", null, true, "at the end, of the registries this run logged in to (GitHubActions: the job's credentials do not outlive the run; --logout=false keeps them)")]
    [TestCase("local", null, false, "no, your docker login stays (local run; --logout=true logs out)")]
    [TestCase("detached", null, false, "no, your docker login stays (local run; --logout=true logs out)")]
    [TestCase("gitlab", false, false, "no, the login stays (logout=false, from --logout)")]
    [TestCase("github", false, false, "no, the login stays (logout=false, from --logout)")]
    [TestCase("local", true, true, "at the end, of the registries this run logged in to (logout=true, from --logout)")]
    [TestCase("gitlab", true, true, "at the end, of the registries this run logged in to (logout=true, from --logout)")]
    public void Decides_the_logout_and_says_where_it_came_from(string place, bool? given, bool expected, string note)
    {
        var options = given is null
            ? CiOptions
            : CiOptions with { Logout = given, Origins = new Dictionary<string, OptionOrigin> { [OptionCatalog.Logout.Name] = new(OptionSource.Argument, "--logout") } };

        var (logout, why) = LogoutPolicy.Decide(options, Where(place));

        Assert.That(logout, Is.EqualTo(expected));
        Assert.That(why, Is.EqualTo(note));
    }

    [Test]
    public void In_CI_the_plan_logs_out_of_every_registry_with_credentials_at_teardown_and_locally_not()
    {
        var ci = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);
        var local = RunPlanner.Plan(LocalBranch("feature/x"), CiOptions, DockerHostInfo.Local, Created);
        var kept = RunPlanner.Plan(GitLabBranch("main"), CiOptions with { Logout = false }, DockerHostInfo.Local, Created);

        Assert.That(ci.Logout, Is.True);
        Assert.That(ci.Teardown.Select(step => step.Settings).ToList(), Has.Count.EqualTo(1).And.All.InstanceOf<Cake.BuildxCache.Docker.Login.RegistryLogoutSettings>());
        Assert.That(local.Teardown, Is.Empty);
        Assert.That(kept.Teardown, Is.Empty);
    }
}
