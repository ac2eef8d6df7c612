using Cake.Common.Build.GitLabCI.Data;
using Cake.Core;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Reads the refs of a GitLab CI job. GitLab checks out a detached HEAD, so the branch comes from the CI
/// variables and never from git. Cake.Common's GitLab CI data gives ref name, tag and merge request
/// branches; the variables it does not read (CI_COMMIT_REF_SLUG, checked against the slug computed, CI_DEFAULT_BRANCH, CI_COMMIT_SHORT_SHA,
/// CI_COMMIT_BRANCH and the merge request project ids) are read from the environment directly.
/// </summary>
internal static class GitLabRefReader
{
    /// <summary>Reads the refs from GitLab's CI variables.</summary>
    /// <param name="environment">The job's environment.</param>
    /// <param name="defaultBranchFallback">Asked only when CI_DEFAULT_BRANCH is unset (GitLab before 12.4).</param>
    /// <returns>The refs (with an empty sha when CI_COMMIT_SHA is unset) and the fallbacks taken.</returns>
    public static GitRefResolution Read(ICakeEnvironment environment, Func<string> defaultBranchFallback)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(defaultBranchFallback);

        // The same data GitLabCIProvider.Environment exposes, built over the (substitutable) environment.
        var gitlab = new GitLabCIEnvironmentInfo(environment);
        var notes = new List<string>();

        var sha = EnvironmentExtensions.Given(gitlab.Build.Reference)?.ToLowerInvariant() ?? string.Empty;
        if (sha.Length == 0)
        {
            notes.Add("CI_COMMIT_SHA is not set.");
        }

        // GitLab's own short sha when it agrees with the sha, so tags match what GitLab shows.
        var shortSha = environment.Variable("CI_COMMIT_SHORT_SHA") is { } given && sha.StartsWith(given, StringComparison.OrdinalIgnoreCase)
            ? given.ToLowerInvariant()
            : CommitSha.Short(sha);

        var tag = EnvironmentExtensions.Given(gitlab.Build.Tag);
        var targetBranch = EnvironmentExtensions.Given(gitlab.PullRequest.TargetBranch);
        var isMergeRequest = targetBranch is not null || gitlab.PullRequest.IsPullRequest;
        var commitRefName = EnvironmentExtensions.Given(gitlab.Build.RefName);

        // CI_COMMIT_BRANCH is unset in merge request and tag pipelines, so each kind has its own source.
        var sourceBranch = EnvironmentExtensions.Given(gitlab.PullRequest.SourceBranch);
        var commitBranch = environment.Variable("CI_COMMIT_BRANCH");
        var refSource = tag is not null ? "CI_COMMIT_TAG"
            : isMergeRequest && sourceBranch is not null ? "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"
            : !isMergeRequest && commitBranch is not null ? "CI_COMMIT_BRANCH"
            : "CI_COMMIT_REF_NAME";
        var (kind, refName) = tag is not null
            ? (RefKind.Tag, tag)
            : (RefKind.Branch, isMergeRequest ? sourceBranch ?? commitRefName : commitBranch ?? commitRefName);
        if (refName is null)
        {
            notes.Add("Neither CI_COMMIT_TAG, CI_COMMIT_BRANCH, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME nor CI_COMMIT_REF_NAME is set: building as a detached commit.");
            (kind, refName) = (RefKind.Detached, shortSha);
        }

        if (isMergeRequest && targetBranch is null)
        {
            notes.Add("A merge request pipeline without CI_MERGE_REQUEST_TARGET_BRANCH_NAME: no target branch cache.");
        }

        // Every value used is checked like the option that overrides it (CiInputChecks); the slug against the name it is the slug of.
        var inputs = new List<CiInput>();
        void Input(CiInputKind kind, string variable, string? nameVariable = null, string? name = null)
        {
            if (environment.Variable(variable) is { } value)
            {
                inputs.Add(new CiInput(kind, variable, value, nameVariable, name));
            }
        }

        Input(CiInputKind.Sha, "CI_COMMIT_SHA");
        Input(CiInputKind.RefName, refSource);
        // The slug is computed; GitLab's CI_COMMIT_REF_SLUG of the same name must agree with it, else the job's variables
        // contradict each other (name feature, slug main) and the build would tag and cache as another branch.
        if (refName == commitRefName)
        {
            Input(CiInputKind.Slug, "CI_COMMIT_REF_SLUG", "CI_COMMIT_REF_NAME", commitRefName);
        }

        Input(CiInputKind.DefaultBranch, "CI_DEFAULT_BRANCH");
        if (isMergeRequest)
        {
            Input(CiInputKind.TargetBranch, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
        }

        return new GitRefResolution(
            new GitRefInfo(
                CiProvider.GitLabCI,
                kind,
                refName,
                RefSlug.From(refName),
                sha,
                shortSha,
                DefaultBranch(environment, defaultBranchFallback, notes),
                isMergeRequest ? targetBranch : null,
                isMergeRequest && IsFork(environment),
                RemoteUrl.ToWebAddress(gitlab.Project.Url))
            { DefaultBranchKnown = environment.Variable("CI_DEFAULT_BRANCH") is not null },
            notes)
        { Inputs = inputs };
    }

    private static string DefaultBranch(ICakeEnvironment environment, Func<string> fallback, List<string> notes)
    {
        if (environment.Variable("CI_DEFAULT_BRANCH") is { } defaultBranch)
        {
            return defaultBranch;
        }

        var assumed = fallback();
        notes.Add($"CI_DEFAULT_BRANCH is not set: assuming '{assumed}' (pass --default-branch to say otherwise).");
        return assumed;
    }

    // A fork's merge request runs with the source project's id differing from the target project's.
    // CI_MERGE_REQUEST_PROJECT_ID is the target; CI_PROJECT_ID stands in when it is missing.
    private static bool IsFork(ICakeEnvironment environment)
    {
        var source = environment.Variable("CI_MERGE_REQUEST_SOURCE_PROJECT_ID");
        var target = environment.Variable("CI_MERGE_REQUEST_PROJECT_ID") ?? environment.Variable("CI_PROJECT_ID");
        return source is not null && target is not null && source != target;
    }
}
