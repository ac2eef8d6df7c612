namespace Cake.BuildxCache.Refs;

/// <summary>The CI system a build runs under, or none for a developer's machine.</summary>
public enum CiProvider
{
    /// <summary>A local run: no CI system detected.</summary>
    None,

    /// <summary>GitLab CI (GITLAB_CI=true).</summary>
    GitLabCI,

    /// <summary>GitHub Actions (GITHUB_ACTIONS=true).</summary>
    GitHubActions,
}
