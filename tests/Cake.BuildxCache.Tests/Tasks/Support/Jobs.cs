namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>The environment variables of the CI jobs the scenarios run in, as GitLab and GitHub set them.</summary>
internal static class Jobs
{
    public const string Sha = "3f9c1e2ab4d5e6f708192a3b4c5d6e7f80912a3b";
    public const string ShortSha = "3f9c1e2a";
    public const string GitLabRegistry = "registry.gitlab.example.com";
    public const string GitLabImage = "registry.gitlab.example.com/group/app";
    public const string GitLabUser = "gitlab-ci-token";

    /// <summary>The job token: it must never appear in an argument, a log line or a message.</summary>
    public const string GitLabPassword = "glcbt-64_S3cr3tJobT0ken";

    public const string GitHubImage = "ghcr.io/octo/app";
    public const string GitHubUser = "octo-bot";
    public const string GitHubPassword = "ghp_S3cr3tT0kenForTheRegistry";

    /// <summary>What every GitLab job has, whatever started the pipeline, plus <paramref name="variables"/>.</summary>
    public static Dictionary<string, string> GitLab(params (string Name, string Value)[] variables) => With(
        new Dictionary<string, string>
        {
            ["GITLAB_CI"] = "true",
            ["CI"] = "true",
            ["CI_SERVER"] = "yes",
            ["CI_COMMIT_SHA"] = Sha,
            ["CI_COMMIT_SHORT_SHA"] = ShortSha,
            ["CI_DEFAULT_BRANCH"] = "main",
            ["CI_PROJECT_ID"] = "42",
            ["CI_PROJECT_URL"] = "https://gitlab.example.com/group/app",
            ["CI_REPOSITORY_URL"] = "https://gitlab-ci-token:" + GitLabPassword + "@gitlab.example.com/group/app.git",
            ["CI_REGISTRY"] = GitLabRegistry,
            ["CI_REGISTRY_IMAGE"] = GitLabImage,
            ["CI_REGISTRY_USER"] = GitLabUser,
            ["CI_REGISTRY_PASSWORD"] = GitLabPassword,
        },
        variables);

    public static Dictionary<string, string> GitLabDefaultBranch() =>
        GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "main"), ("CI_COMMIT_REF_NAME", "main"), ("CI_COMMIT_REF_SLUG", "main"));

    public static Dictionary<string, string> GitLabFeatureBranch() =>
        GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "Feature/JIRA-7_Cache"), ("CI_COMMIT_REF_NAME", "Feature/JIRA-7_Cache"), ("CI_COMMIT_REF_SLUG", "feature-jira-7-cache"));

    /// <summary>A merge request from feature/mr into release/2.x (not the default branch), same project.</summary>
    public static Dictionary<string, string> GitLabMergeRequest() => GitLab(
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_COMMIT_REF_NAME", "feature/mr"),
        ("CI_COMMIT_REF_SLUG", "feature-mr"),
        ("CI_MERGE_REQUEST_ID", "1001"),
        ("CI_MERGE_REQUEST_IID", "7"),
        ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/mr"),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "release/2.x"),
        ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
        ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42"));

    /// <summary>A merge request from a fork (project 99) into main, run in the parent project.</summary>
    public static Dictionary<string, string> GitLabForkMergeRequest() => GitLab(
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_COMMIT_REF_NAME", "patch-1"),
        ("CI_COMMIT_REF_SLUG", "patch-1"),
        ("CI_MERGE_REQUEST_ID", "1002"),
        ("CI_MERGE_REQUEST_IID", "8"),
        ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "patch-1"),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
        ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "99"));

    /// <summary>A tag pipeline: CI_COMMIT_BRANCH is unset.</summary>
    public static Dictionary<string, string> GitLabTag() =>
        GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_TAG", "v1.2.3"), ("CI_COMMIT_REF_NAME", "v1.2.3"), ("CI_COMMIT_REF_SLUG", "v1-2-3"));

    /// <summary>What every GitHub Actions job has, plus the image and credentials in BUILDX_* variables.</summary>
    public static Dictionary<string, string> GitHub(string eventPath, params (string Name, string Value)[] variables) => With(
        new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["GITHUB_REPOSITORY"] = "octo/app",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_SHA"] = Sha,
            ["GITHUB_HEAD_REF"] = string.Empty,
            ["GITHUB_BASE_REF"] = string.Empty,
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["BUILDX_IMAGE"] = GitHubImage,
            ["BUILDX_REGISTRY_USER"] = GitHubUser,
            ["BUILDX_REGISTRY_PASSWORD"] = GitHubPassword,
        },
        variables);

    public static Dictionary<string, string> GitHubPush(string eventPath) => GitHub(
        eventPath,
        ("GITHUB_EVENT_NAME", "push"),
        ("GITHUB_REF", "refs/heads/main"),
        ("GITHUB_REF_TYPE", "branch"),
        ("GITHUB_REF_NAME", "main"));

    public static string GitHubPushPayload() =>
        """{ "ref": "refs/heads/main", "repository": { "full_name": "octo/app", "default_branch": "main" } }""";

    /// <summary>A pull request from feature/pr into main, same repository; GITHUB_SHA is GitHub's merge commit.</summary>
    public static Dictionary<string, string> GitHubPullRequest(string eventPath) => GitHub(
        eventPath,
        ("GITHUB_EVENT_NAME", "pull_request"),
        ("GITHUB_SHA", "fedcba9876543210fedcba9876543210fedcba98"),
        ("GITHUB_REF", "refs/pull/5/merge"),
        ("GITHUB_REF_TYPE", "branch"),
        ("GITHUB_REF_NAME", "5/merge"),
        ("GITHUB_HEAD_REF", "feature/pr"),
        ("GITHUB_BASE_REF", "main"));

    public static string GitHubPullRequestPayload() => $$"""
        {
          "action": "synchronize",
          "number": 5,
          "pull_request": {
            "head": { "ref": "feature/pr", "sha": "{{Sha}}", "repo": { "full_name": "octo/app", "fork": false } },
            "base": { "ref": "main", "sha": "1111111111111111111111111111111111111111", "repo": { "full_name": "octo/app", "fork": false } }
          },
          "repository": { "full_name": "octo/app", "default_branch": "main" }
        }
        """;

    /// <summary>A developer's shell: no CI variables at all.</summary>
    public static Dictionary<string, string> Local(params (string Name, string Value)[] variables) => With([], variables);

    public static Dictionary<string, string> With(Dictionary<string, string> job, params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            job[name] = value;
        }

        return job;
    }
}
