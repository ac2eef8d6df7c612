namespace Cake.BuildxCache.Refs;

/// <summary>
/// Where the build stands, resolved once per run from the CI environment or the local repository.
/// Everything downstream (policy, plan, tasks) reads this record and never the environment.
/// </summary>
/// <param name="Provider">The CI system, or <see cref="CiProvider.None"/> locally.</param>
/// <param name="Kind">Branch, tag or detached HEAD.</param>
/// <param name="RefName">The branch or tag name (for a merge/pull request: its source branch); the short sha when detached.</param>
/// <param name="Slug">GitLab's CI_COMMIT_REF_SLUG of <paramref name="RefName"/>.</param>
/// <param name="Sha">The full commit sha.</param>
/// <param name="ShortSha">The first 8 characters of <paramref name="Sha"/> (as CI_COMMIT_SHORT_SHA).</param>
/// <param name="DefaultBranch">The repository's default branch (CI_DEFAULT_BRANCH, origin/HEAD, else <c>main</c>).</param>
/// <param name="TargetBranch">The merge/pull request's target branch, when the build is for one.</param>
/// <param name="IsFork">True when a merge/pull request comes from a fork (its cache must stay read-only).</param>
/// <param name="SourceUrl">The repository's web address, for <c>org.opencontainers.image.source</c>, when known.</param>
public sealed record GitRefInfo(
    CiProvider Provider,
    RefKind Kind,
    string RefName,
    string Slug,
    string Sha,
    string ShortSha,
    string DefaultBranch,
    string? TargetBranch,
    bool IsFork,
    string? SourceUrl)
{
    /// <summary>
    /// True when <see cref="DefaultBranch"/> was named by CI (CI_DEFAULT_BRANCH, the event payload) or by
    /// <c>--default-branch</c>; false when read from the clone's origin/HEAD or assumed.
    /// </summary>
    public bool DefaultBranchKnown { get; init; }

    /// <summary>
    /// When the commit was made (its committer date), or null when neither CI (<c>CI_COMMIT_TIMESTAMP</c>) nor git
    /// (<c>git show -s --format=%ct</c>) could say: a commit missing from a shallow clone, no git, no repository.
    /// </summary>
    public DateTimeOffset? CommitTime { get; init; }

    /// <summary>Where <see cref="CommitTime"/> came from (<c>CI_COMMIT_TIMESTAMP</c>, <c>git</c>), or null when unknown.</summary>
    public string? CommitTimeSource { get; init; }

    /// <summary>Why <see cref="CommitTime"/> is unknown, or how it was found despite a bad CI variable; else null.</summary>
    public string? CommitTimeNote { get; init; }

    /// <summary>
    /// The branch this build's commit merged (its second parent's branch, read by <see cref="MergedBranchReader"/>), or null
    /// when the commit is not a merge of a named branch. Its cache ref holds what the merge brought in.
    /// </summary>
    public string? MergedBranch { get; init; }

    /// <summary>True when running under a CI system.</summary>
    public bool IsCI => Provider != CiProvider.None;

    /// <summary>True when building a merge request (GitLab) or pull request (GitHub).</summary>
    public bool IsMergeRequest => TargetBranch is not null;

    /// <summary>True when building the default branch itself (not a merge request from it).</summary>
    public bool IsDefaultBranch => Kind == RefKind.Branch && !IsMergeRequest && RefName == DefaultBranch;
}
