namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>CI jobs simulated by their variables, as GitLab and GitHub set them.</summary>
internal static class Ci
{
    public const string ProjectPath = "group/app";

    /// <summary>The variables every GitLab job has: registry, image, credentials, project, default branch.</summary>
    public static Dictionary<string, string> GitLab(string registryHost, string project, string user, string password, string sha) => new()
    {
        ["CI"] = "true",
        ["GITLAB_CI"] = "true",
        ["CI_SERVER_URL"] = "https://gitlab.example.com",
        ["CI_PROJECT_URL"] = "https://gitlab.example.com/" + project,
        ["CI_PROJECT_PATH"] = project,
        ["CI_PROJECT_ID"] = "42",
        ["CI_DEFAULT_BRANCH"] = "main",
        ["CI_COMMIT_SHA"] = sha,
        ["CI_COMMIT_SHORT_SHA"] = sha[..8],
        ["CI_REGISTRY"] = registryHost,
        ["CI_REGISTRY_IMAGE"] = $"{registryHost}/{project}",
        ["CI_REGISTRY_USER"] = user,
        ["CI_REGISTRY_PASSWORD"] = password,
        ["CI_PIPELINE_SOURCE"] = "push",
    };

    /// <summary>A push pipeline on <paramref name="branch"/>.</summary>
    public static Dictionary<string, string> Branch(this Dictionary<string, string> job, string branch, string slug) =>
        job.With(("CI_COMMIT_BRANCH", branch), ("CI_COMMIT_REF_NAME", branch), ("CI_COMMIT_REF_SLUG", slug));

    /// <summary>A merge request pipeline from <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static Dictionary<string, string> MergeRequest(this Dictionary<string, string> job, string source, string slug, string target, bool fork = false) =>
        job.With(
            ("CI_PIPELINE_SOURCE", "merge_request_event"),
            ("CI_COMMIT_REF_NAME", source),
            ("CI_COMMIT_REF_SLUG", slug),
            ("CI_MERGE_REQUEST_ID", "1007"),
            ("CI_MERGE_REQUEST_IID", "7"),
            ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", source),
            ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", target),
            ("CI_MERGE_REQUEST_PROJECT_ID", "42"),
            ("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", fork ? "99" : "42"));

    /// <summary>A tag pipeline.</summary>
    public static Dictionary<string, string> Tag(this Dictionary<string, string> job, string tag, string slug) =>
        job.With(("CI_COMMIT_TAG", tag), ("CI_COMMIT_REF_NAME", tag), ("CI_COMMIT_REF_SLUG", slug));

    /// <summary>
    /// The variables of a GitHub Actions job; <paramref name="eventPath"/> is the event payload file. GitHub names
    /// no registry credentials: a workflow passes them as BUILDX_REGISTRY_USER/PASSWORD.
    /// </summary>
    public static Dictionary<string, string> GitHub(string sha, string eventName, string eventPath, string password) => new()
    {
        ["BUILDX_REGISTRY_USER"] = "github-actor",
        ["BUILDX_REGISTRY_PASSWORD"] = password,
        ["CI"] = "true",
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "org/app",
        ["GITHUB_SHA"] = sha,
        ["GITHUB_EVENT_NAME"] = eventName,
        ["GITHUB_EVENT_PATH"] = eventPath,
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> job, params (string Name, string Value)[] variables)
    {
        var copy = new Dictionary<string, string>(job);
        foreach (var (name, value) in variables)
        {
            copy[name] = value;
        }

        return copy;
    }

    public static Dictionary<string, string> Without(this Dictionary<string, string> job, params string[] names)
    {
        var copy = new Dictionary<string, string>(job);
        foreach (var name in names)
        {
            copy.Remove(name);
        }

        return copy;
    }

    /// <summary>The sandbox's variables with the job's on top.</summary>
    public static Dictionary<string, string> Over(this Dictionary<string, string> job, DockerSandbox sandbox)
    {
        var environment = sandbox.Environment();
        foreach (var (name, value) in job)
        {
            environment[name] = value;
        }

        return environment;
    }
}
