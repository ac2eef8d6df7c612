using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;
using Cake.BuildxCache.Tests.Tasks.Support;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>Where a GitLab job stands, read from its variables (the jobs the task tests run in, <see cref="Jobs"/>).</summary>
public sealed class GitLabScenarioTests
{
    private const string Sha = Jobs.Sha;
    private const string ProjectUrl = "https://gitlab.example.com/group/app";

    private static IEnumerable<TestCaseData> Scenarios()
    {
        yield return new TestCaseData(
            Jobs.GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "main"), ("CI_COMMIT_REF_NAME", "main"), ("CI_COMMIT_REF_SLUG", "main")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "main", Slug: "main", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: ProjectUrl))
            .SetName("GitLab default branch");

        yield return new TestCaseData(
            Jobs.GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "Feature/JIRA-7_Cache"), ("CI_COMMIT_REF_NAME", "Feature/JIRA-7_Cache"), ("CI_COMMIT_REF_SLUG", "feature-jira-7-cache")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "Feature/JIRA-7_Cache", Slug: "feature-jira-7-cache", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: ProjectUrl))
            .SetName("GitLab feature branch");

        yield return new TestCaseData(
            Jobs.GitLab(
                ("CI_PIPELINE_SOURCE", "merge_request_event"),
                ("CI_COMMIT_REF_NAME", "feature/mr"),
                ("CI_COMMIT_REF_SLUG", "feature-mr"),
                ("CI_MERGE_REQUEST_ID", "1001"),
                ("CI_MERGE_REQUEST_IID", "7"),
                ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/mr"),
                ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "release/2.x"),
                ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
                ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "feature/mr", Slug: "feature-mr", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: "release/2.x", IsFork: false, SourceUrl: ProjectUrl))
            .SetName("GitLab merge request");

        yield return new TestCaseData(
            Jobs.GitLab(
                ("CI_PIPELINE_SOURCE", "merge_request_event"),
                ("CI_COMMIT_REF_NAME", "patch-1"),
                ("CI_COMMIT_REF_SLUG", "patch-1"),
                ("CI_MERGE_REQUEST_ID", "1002"),
                ("CI_MERGE_REQUEST_IID", "8"),
                ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "patch-1"),
                ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
                ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
                ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "99")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "patch-1", Slug: "patch-1", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: "main", IsFork: true, SourceUrl: ProjectUrl))
            .SetName("GitLab fork merge request");

        // Without CI_MERGE_REQUEST_PROJECT_ID the job's own project id is the target.
        yield return new TestCaseData(
            Jobs.GitLab(
                ("CI_PIPELINE_SOURCE", "merge_request_event"),
                ("CI_COMMIT_REF_NAME", "patch-2"),
                ("CI_MERGE_REQUEST_IID", "9"),
                ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "patch-2"),
                ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
                ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "99")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "patch-2", Slug: "patch-2", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: "main", IsFork: true, SourceUrl: ProjectUrl))
            .SetName("GitLab fork merge request against CI_PROJECT_ID");

        yield return new TestCaseData(
            Jobs.GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_TAG", "v1.2.0"), ("CI_COMMIT_REF_NAME", "v1.2.0"), ("CI_COMMIT_REF_SLUG", "v1-2-0")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Tag, RefName: "v1.2.0", Slug: "v1-2-0", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: ProjectUrl))
            .SetName("GitLab tag");

        // No CI_COMMIT_REF_SLUG and no CI_COMMIT_SHORT_SHA: both computed the way GitLab does.
        yield return new TestCaseData(
            Jobs.GitLab(("CI_COMMIT_BRANCH", "Bugfix/Über_Cache"), ("CI_COMMIT_REF_NAME", "Bugfix/Über_Cache"), ("CI_COMMIT_SHORT_SHA", "")),
            new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "Bugfix/Über_Cache", Slug: "bugfix--ber-cache", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: ProjectUrl))
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
    public void A_CI_COMMIT_REF_SLUG_that_is_not_the_slug_of_CI_COMMIT_REF_NAME_is_refused_naming_both()
    {
        // With name feature and slug main the run tagged :main and wrote main's cache.
        var variables = Jobs.GitLab(("CI_COMMIT_BRANCH", "feature/x"), ("CI_COMMIT_REF_NAME", "feature/x"), ("CI_COMMIT_REF_SLUG", "main"));

        var refused = Assert.Throws<Cake.Core.CakeException>(() => Resolve(variables, RefOverrides.None));

        Assert.That(refused.Message, Does.StartWith("CI_COMMIT_REF_SLUG 'main' is not the slug of CI_COMMIT_REF_NAME 'feature/x', which is 'feature-x'"));
        Assert.That(Resolve(variables, new RefOverrides(Branch: "feature/x")).Refs.Slug, Is.EqualTo("feature-x"), "--branch overrides both");
    }

    [Test]
    public void An_explicit_branch_wins_over_CI_COMMIT_REF_SLUG()
    {
        var variables = Jobs.GitLab(("CI_COMMIT_BRANCH", "feature/x"), ("CI_COMMIT_REF_NAME", "feature/x"), ("CI_COMMIT_REF_SLUG", "feature-x"));

        var refs = Resolve(variables, new RefOverrides(Branch: "Hotfix/Y")).Refs;

        AssertRefs.AreEqual(refs, new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "Hotfix/Y", Slug: "hotfix-y", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: ProjectUrl));
    }

    [Test]
    public void Without_CI_DEFAULT_BRANCH_falls_back_to_main_and_says_so()
    {
        var variables = Jobs.GitLab(("CI_COMMIT_BRANCH", "dev"), ("CI_COMMIT_REF_NAME", "dev"));
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
        var variables = Jobs.GitLab(("CI_COMMIT_BRANCH", "feature/ci"), ("CI_COMMIT_REF_NAME", "feature/ci"));
        variables.Remove("CI_DEFAULT_BRANCH");

        var resolution = new GitRefResolver(FakeEnvironment.With(variables, repository.Path), new FileSystem(), CakeProcesses.Git()).Resolve(RefOverrides.None);

        // The clone's origin/HEAD is the fallback for the default branch only.
        AssertRefs.AreEqual(resolution.Refs, new GitRefInfo(Provider: CiProvider.GitLabCI, Kind: RefKind.Branch, RefName: "feature/ci", Slug: "feature-ci", Sha: Sha, ShortSha: Jobs.ShortSha, DefaultBranch: "develop", TargetBranch: null, IsFork: false, SourceUrl: ProjectUrl));
    }

    [Test]
    public void Without_CI_COMMIT_SHA_the_error_names_the_sha_option()
    {
        var variables = Jobs.GitLab(("CI_COMMIT_BRANCH", "main"), ("CI_COMMIT_REF_NAME", "main"));
        variables.Remove("CI_COMMIT_SHA");

        var error = Assert.Throws<Cake.Core.CakeException>(() => Resolve(variables, RefOverrides.None));

        Assert.That(error!.Message, Does.Contain("--sha").And.Contain("CI_COMMIT_SHA"));
    }

    private static GitRefResolution Resolve(Dictionary<string, string> variables, RefOverrides overrides)
    {
        using var workingDirectory = new TemporaryDirectory();
        return new GitRefResolver(FakeEnvironment.With(variables, workingDirectory.Path), new FileSystem(), CakeProcesses.Git()).Resolve(overrides);
    }
}
