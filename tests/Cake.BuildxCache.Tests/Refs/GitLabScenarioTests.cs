using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class GitLabScenarioTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string ProjectUrl = "https://gitlab.example.com/group/app";

    // What every GitLab job has, whatever started the pipeline.
    private static Dictionary<string, string> Job(params (string Name, string Value)[] variables)
    {
        var job = new Dictionary<string, string>
        {
            ["GITLAB_CI"] = "true",
            ["CI"] = "true",
            ["CI_SERVER"] = "yes",
            ["CI_COMMIT_SHA"] = Sha,
            ["CI_COMMIT_SHORT_SHA"] = "01234567",
            ["CI_DEFAULT_BRANCH"] = "main",
            ["CI_PROJECT_ID"] = "42",
            ["CI_PROJECT_URL"] = ProjectUrl,
            ["CI_REPOSITORY_URL"] = "https://gitlab-ci-token:secret-job-token@gitlab.example.com/group/app.git",
        };
        foreach (var (name, value) in variables)
        {
            job[name] = value;
        }

        return job;
    }

    private static IEnumerable<TestCaseData> Scenarios()
    {
        yield return new TestCaseData(
            Job(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "main"), ("CI_COMMIT_REF_NAME", "main"), ("CI_COMMIT_REF_SLUG", "main")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "main", "main", Sha, "01234567", "main", null, false, ProjectUrl))
            .SetName("GitLab default branch");

        yield return new TestCaseData(
            Job(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "Feature/JIRA-7_Cache"), ("CI_COMMIT_REF_NAME", "Feature/JIRA-7_Cache"), ("CI_COMMIT_REF_SLUG", "feature-jira-7-cache")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "Feature/JIRA-7_Cache", "feature-jira-7-cache", Sha, "01234567", "main", null, false, ProjectUrl))
            .SetName("GitLab feature branch");

        yield return new TestCaseData(
            Job(
                ("CI_PIPELINE_SOURCE", "merge_request_event"),
                ("CI_COMMIT_REF_NAME", "feature/mr"),
                ("CI_COMMIT_REF_SLUG", "feature-mr"),
                ("CI_MERGE_REQUEST_ID", "1001"),
                ("CI_MERGE_REQUEST_IID", "7"),
                ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/mr"),
                ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "release/2.x"),
                ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
                ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "feature/mr", "feature-mr", Sha, "01234567", "main", "release/2.x", false, ProjectUrl))
            .SetName("GitLab merge request");

        yield return new TestCaseData(
            Job(
                ("CI_PIPELINE_SOURCE", "merge_request_event"),
                ("CI_COMMIT_REF_NAME", "patch-1"),
                ("CI_COMMIT_REF_SLUG", "patch-1"),
                ("CI_MERGE_REQUEST_ID", "1002"),
                ("CI_MERGE_REQUEST_IID", "8"),
                ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "patch-1"),
                ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
                ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
                ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "99")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "patch-1", "patch-1", Sha, "01234567", "main", "main", true, ProjectUrl))
            .SetName("GitLab fork merge request");

        // Without CI_MERGE_REQUEST_PROJECT_ID the job's own project id is the target.
        yield return new TestCaseData(
            Job(
                ("CI_PIPELINE_SOURCE", "merge_request_event"),
                ("CI_COMMIT_REF_NAME", "patch-2"),
                ("CI_MERGE_REQUEST_IID", "9"),
                ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "patch-2"),
                ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
                ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "99")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "patch-2", "patch-2", Sha, "01234567", "main", "main", true, ProjectUrl))
            .SetName("GitLab fork merge request against CI_PROJECT_ID");

        yield return new TestCaseData(
            Job(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_TAG", "v1.2.0"), ("CI_COMMIT_REF_NAME", "v1.2.0"), ("CI_COMMIT_REF_SLUG", "v1-2-0")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Tag, "v1.2.0", "v1-2-0", Sha, "01234567", "main", null, false, ProjectUrl))
            .SetName("GitLab tag");

        // No CI_COMMIT_REF_SLUG and no CI_COMMIT_SHORT_SHA: both computed the way GitLab does.
        yield return new TestCaseData(
            Job(("CI_COMMIT_BRANCH", "Bugfix/Über_Cache"), ("CI_COMMIT_REF_NAME", "Bugfix/Über_Cache"), ("CI_COMMIT_SHORT_SHA", "")),
            new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "Bugfix/Über_Cache", "bugfix--ber-cache", Sha, "01234567", "main", null, false, ProjectUrl))
            .SetName("GitLab branch with slug and short sha computed");
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Resolves(Dictionary<string, string> variables, GitRefInfo expected)
    {
        var resolution = Resolve(variables, RefOverrides.None);

        AssertRefs.AreEqual(resolution.Refs, expected);
        Assert.That(resolution.Notes, Is.Empty);
    }

    [Test]
    public void Uses_CI_COMMIT_REF_SLUG_when_set_rather_than_computing_it()
    {
        // A slug RefSlug would never produce proves which one was used.
        var variables = Job(("CI_COMMIT_BRANCH", "feature/x"), ("CI_COMMIT_REF_NAME", "feature/x"), ("CI_COMMIT_REF_SLUG", "slug-from-gitlab"));

        Assert.That(Resolve(variables, RefOverrides.None).Refs.Slug, Is.EqualTo("slug-from-gitlab"));
    }

    [Test]
    public void An_explicit_branch_wins_over_CI_COMMIT_REF_SLUG()
    {
        var variables = Job(("CI_COMMIT_BRANCH", "feature/x"), ("CI_COMMIT_REF_NAME", "feature/x"), ("CI_COMMIT_REF_SLUG", "feature-x"));

        var refs = Resolve(variables, new RefOverrides(Branch: "Hotfix/Y")).Refs;

        AssertRefs.AreEqual(refs, new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "Hotfix/Y", "hotfix-y", Sha, "01234567", "main", null, false, ProjectUrl));
    }

    [Test]
    public void Without_CI_DEFAULT_BRANCH_falls_back_to_main_and_says_so()
    {
        var variables = Job(("CI_COMMIT_BRANCH", "dev"), ("CI_COMMIT_REF_NAME", "dev"));
        variables.Remove("CI_DEFAULT_BRANCH");

        var resolution = Resolve(variables, RefOverrides.None);

        Assert.That(resolution.Refs.DefaultBranch, Is.EqualTo("main"));
        Assert.That(resolution.Notes, Has.One.Contains("CI_DEFAULT_BRANCH"));
    }

    [Test]
    public void The_branch_never_comes_from_git_even_inside_a_repository()
    {
        // GitLab checks out a detached HEAD; here the clone is on another branch altogether.
        using var repository = GitRepository.Init("local-branch");
        repository.Commit("first");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "develop", setOriginHead: true);
        var variables = Job(("CI_COMMIT_BRANCH", "feature/ci"), ("CI_COMMIT_REF_NAME", "feature/ci"));
        variables.Remove("CI_DEFAULT_BRANCH");

        var resolution = new GitRefResolver(FakeEnvironment.With(variables, repository.Path), new FileSystem()).Resolve(RefOverrides.None);

        // The clone's origin/HEAD is the fallback for the default branch only.
        AssertRefs.AreEqual(resolution.Refs, new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, "feature/ci", "feature-ci", Sha, "01234567", "develop", null, false, ProjectUrl));
    }

    [Test]
    public void Without_CI_COMMIT_SHA_the_error_names_the_sha_option()
    {
        var variables = Job(("CI_COMMIT_BRANCH", "main"), ("CI_COMMIT_REF_NAME", "main"));
        variables.Remove("CI_COMMIT_SHA");

        var error = Assert.Throws<Cake.Core.CakeException>(() => Resolve(variables, RefOverrides.None));

        Assert.That(error!.Message, Does.Contain("--sha").And.Contain("CI_COMMIT_SHA"));
    }

    private static GitRefResolution Resolve(Dictionary<string, string> variables, RefOverrides overrides)
    {
        using var workingDirectory = new TemporaryDirectory();
        return new GitRefResolver(FakeEnvironment.With(variables, workingDirectory.Path), new FileSystem()).Resolve(overrides);
    }
}
