using Cake.Core;

namespace Cake.BuildxCache.Refs;

/// <summary>Tells which CI system, if any, the build runs under.</summary>
internal static class CiDetector
{
    /// <summary>
    /// GitLab CI when GITLAB_CI=true, GitHub Actions when GITHUB_ACTIONS=true, else none. GitLab is
    /// checked first so that a GitLab job that happens to export GitHub variables stays a GitLab job.
    /// </summary>
    /// <param name="environment">The environment to read.</param>
    /// <returns>The CI provider.</returns>
    public static CiProvider Detect(ICakeEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (IsTrue(environment, "GITLAB_CI"))
        {
            return CiProvider.GitLabCI;
        }

        return IsTrue(environment, "GITHUB_ACTIONS") ? CiProvider.GitHubActions : CiProvider.None;
    }

    private static bool IsTrue(ICakeEnvironment environment, string variable) =>
        string.Equals(environment.GetEnvironmentVariable(variable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
