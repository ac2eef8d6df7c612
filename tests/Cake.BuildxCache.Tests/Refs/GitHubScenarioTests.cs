using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class GitHubScenarioTests
{
    private const string Sha = "89abcdef0123456789abcdef0123456789abcdef";
    private const string MergeSha = "fedcba9876543210fedcba9876543210fedcba98";
    private const string SourceUrl = "https://github.com/octo/app";

    // What every GitHub Actions job has. GitHub exports GITHUB_HEAD_REF/GITHUB_BASE_REF as empty
    // strings outside pull requests, which must read as "not a pull request".
    private static Dictionary<string, string> Job(params (string Name, string Value)[] variables)
    {
        var job = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["GITHUB_REPOSITORY"] = "octo/app",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_SHA"] = Sha,
            ["GITHUB_HEAD_REF"] = string.Empty,
            ["GITHUB_BASE_REF"] = string.Empty,
        };
        foreach (var (name, value) in variables)
        {
            job[name] = value;
        }

        return job;
    }

    private static string PushPayload(string defaultBranch) =>
        $$"""{ "ref": "refs/heads/x", "repository": { "full_name": "octo/app", "default_branch": "{{defaultBranch}}" } }""";

    private static string PullRequestPayload(string headRepository, bool headIsFork) =>
        $$"""
        {
          "action": "synchronize",
          "number": 5,
          "pull_request": {
            "head": { "ref": "feature/pr", "sha": "{{Sha}}", "repo": { "full_name": "{{headRepository}}", "fork": {{(headIsFork ? "true" : "false")}} } },
            "base": { "ref": "main", "sha": "1111111111111111111111111111111111111111", "repo": { "full_name": "octo/app", "fork": false } }
          },
          "repository": { "full_name": "octo/app", "default_branch": "main" }
        }
        """;

    private static IEnumerable<TestCaseData> Scenarios()
    {
        yield return new TestCaseData(
            Job(("GITHUB_EVENT_NAME", "push"), ("GITHUB_REF", "refs/heads/main"), ("GITHUB_REF_TYPE", "branch"), ("GITHUB_REF_NAME", "main")),
            PushPayload("main"),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "main", Slug: "main", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: SourceUrl))
            .SetName("GitHub push to the default branch");

        // The default branch comes from the payload: "trunk" is no fallback's guess.
        yield return new TestCaseData(
            Job(("GITHUB_EVENT_NAME", "push"), ("GITHUB_REF", "refs/heads/Feature/Login_Page"), ("GITHUB_REF_TYPE", "branch"), ("GITHUB_REF_NAME", "Feature/Login_Page")),
            PushPayload("trunk"),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "Feature/Login_Page", Slug: "feature-login-page", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "trunk", TargetBranch: null, IsFork: false, SourceUrl: SourceUrl))
            .SetName("GitHub feature branch push");

        // GITHUB_SHA is the merge commit; the head sha comes from the payload.
        yield return new TestCaseData(
            Job(
                ("GITHUB_EVENT_NAME", "pull_request"),
                ("GITHUB_SHA", MergeSha),
                ("GITHUB_REF", "refs/pull/5/merge"),
                ("GITHUB_REF_TYPE", "branch"),
                ("GITHUB_REF_NAME", "5/merge"),
                ("GITHUB_HEAD_REF", "feature/pr"),
                ("GITHUB_BASE_REF", "main")),
            PullRequestPayload("octo/app", headIsFork: false),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "feature/pr", Slug: "feature-pr", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: "main", IsFork: false, SourceUrl: SourceUrl))
            .SetName("GitHub pull request from the same repository");

        yield return new TestCaseData(
            Job(
                ("GITHUB_EVENT_NAME", "pull_request"),
                ("GITHUB_SHA", MergeSha),
                ("GITHUB_REF", "refs/pull/5/merge"),
                ("GITHUB_REF_TYPE", "branch"),
                ("GITHUB_REF_NAME", "5/merge"),
                ("GITHUB_HEAD_REF", "feature/pr"),
                ("GITHUB_BASE_REF", "main")),
            PullRequestPayload("contributor/app", headIsFork: true),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "feature/pr", Slug: "feature-pr", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: "main", IsFork: true, SourceUrl: SourceUrl))
            .SetName("GitHub pull request from a fork");

        // A repository that is itself a fork: its own pull requests have head.repo.fork=true but are not from a fork.
        yield return new TestCaseData(
            Job(
                ("GITHUB_EVENT_NAME", "pull_request"),
                ("GITHUB_SHA", MergeSha),
                ("GITHUB_REF_TYPE", "branch"),
                ("GITHUB_REF_NAME", "5/merge"),
                ("GITHUB_HEAD_REF", "feature/pr"),
                ("GITHUB_BASE_REF", "main")),
            PullRequestPayload("OCTO/App", headIsFork: true),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "feature/pr", Slug: "feature-pr", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: "main", IsFork: false, SourceUrl: SourceUrl))
            .SetName("GitHub pull request inside a repository that is a fork");

        yield return new TestCaseData(
            Job(("GITHUB_EVENT_NAME", "push"), ("GITHUB_REF", "refs/tags/v2.0.0"), ("GITHUB_REF_TYPE", "tag"), ("GITHUB_REF_NAME", "v2.0.0")),
            PushPayload("main"),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Tag, RefName: "v2.0.0", Slug: "v2-0-0", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: SourceUrl))
            .SetName("GitHub tag");

        // Older runners without GITHUB_REF_TYPE/GITHUB_REF_NAME: GITHUB_REF alone; an enterprise server.
        yield return new TestCaseData(
            Job(("GITHUB_REF", "refs/tags/release-3"), ("GITHUB_SERVER_URL", "https://github.example.com/")),
            PushPayload("main"),
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Tag, RefName: "release-3", Slug: "release-3", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: "https://github.example.com/octo/app"))
            .SetName("GitHub tag from GITHUB_REF on an enterprise server");
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Resolves(Dictionary<string, string> variables, string payload, GitRefInfo expected)
    {
        using var directory = new TemporaryDirectory();
        variables["GITHUB_EVENT_PATH"] = directory.Write("event.json", payload);

        var resolution = Resolve(variables, directory.Path);

        AssertRefs.AreEqual(resolution.Refs, expected);
        Assert.That(resolution.Notes, Is.Empty);
    }

    [Test]
    public void A_missing_payload_falls_back_and_says_so()
    {
        using var directory = new TemporaryDirectory();
        var variables = Job(
            ("GITHUB_SHA", MergeSha),
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_REF_NAME", "5/merge"),
            ("GITHUB_HEAD_REF", "feature/pr"),
            ("GITHUB_BASE_REF", "main"),
            ("GITHUB_EVENT_PATH", System.IO.Path.Combine(directory.Path, "missing.json")));

        var resolution = Resolve(variables, directory.Path);

        // Merge sha, assumed main, and an unknown origin counted as a fork (read-only cache).
        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "feature/pr", Slug: "feature-pr", Sha: MergeSha, ShortSha: "fedcba98", DefaultBranch: "main", TargetBranch: "main", IsFork: true, SourceUrl: SourceUrl));
        Assert.That(resolution.Notes, Has.Some.Contains("does not exist"));
        Assert.That(resolution.Notes, Has.Some.Contains("merge commit"));
        Assert.That(resolution.Notes, Has.Some.Contains("default_branch"));
        Assert.That(resolution.Notes, Has.Some.Contains("fork"));
    }

    [TestCase("{ not json", "could not be read as an event payload")]
    [TestCase("", "is empty or not a regular file")]
    [TestCase("[1, 2, 3]", "holds JSON that is not an object")]
    public void A_payload_that_is_no_event_is_refused_naming_GITHUB_EVENT_PATH(string payload, string fragment)
    {
        using var directory = new TemporaryDirectory();
        var variables = Job(
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_REF_NAME", "main"),
            ("GITHUB_EVENT_PATH", directory.Write("event.json", payload)));

        var refused = Assert.Throws<Cake.Core.CakeException>(() => Resolve(variables, directory.Path));

        Assert.That(refused.Message, Does.StartWith("GITHUB_EVENT_PATH '").And.Contain(fragment).And.EndWith("point GITHUB_EVENT_PATH at the event's JSON file (GitHub Actions sets it), or unset it."));
    }

    [TestCase("""{ "pull_request": "text", "repository": 42 }""")]
    public void A_payload_with_fields_of_the_wrong_type_counts_them_as_absent(string payload)
    {
        using var directory = new TemporaryDirectory();
        var variables = Job(
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_REF_NAME", "main"),
            ("GITHUB_EVENT_PATH", directory.Write("event.json", payload)));

        var resolution = Resolve(variables, directory.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "main", Slug: "main", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: SourceUrl));
        Assert.That(resolution.Notes, Has.Some.Contains("default_branch"));
    }

    [Test]
    public void Without_a_payload_the_default_branch_comes_from_origin_HEAD()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.AddOrigin("https://github.com/octo/app.git", "develop", setOriginHead: true);
        var variables = Job(("GITHUB_REF_TYPE", "branch"), ("GITHUB_REF_NAME", "feature/x"));

        var resolution = Resolve(variables, repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "feature/x", Slug: "feature-x", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "develop", TargetBranch: null, IsFork: false, SourceUrl: SourceUrl));
        Assert.That(resolution.Notes, Has.One.Contains("'develop'"));
    }

    [Test]
    public void A_pull_request_from_a_deleted_fork_counts_as_a_fork()
    {
        using var directory = new TemporaryDirectory();
        const string payload = """{ "pull_request": { "head": { "sha": "89abcdef0123456789abcdef0123456789abcdef", "repo": null } }, "repository": { "default_branch": "main" } }""";
        var variables = Job(
            ("GITHUB_SHA", MergeSha),
            ("GITHUB_HEAD_REF", "gone"),
            ("GITHUB_BASE_REF", "main"),
            ("GITHUB_EVENT_PATH", directory.Write("event.json", payload)));

        var resolution = Resolve(variables, directory.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.GitHubActions, Kind: RefKind.Branch, RefName: "gone", Slug: "gone", Sha: Sha, ShortSha: "89abcdef", DefaultBranch: "main", TargetBranch: "main", IsFork: true, SourceUrl: SourceUrl));
    }

    private static GitRefResolution Resolve(Dictionary<string, string> variables, string workingDirectory) =>
        new GitRefResolver(FakeEnvironment.With(variables, workingDirectory), new FileSystem(), CakeProcesses.Git()).Resolve(RefOverrides.None);
}
