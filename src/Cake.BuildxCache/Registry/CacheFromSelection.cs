using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Registry;

/// <summary>Why a ref is in the cache-from chain.</summary>
public enum CacheFromRole
{
    /// <summary>The build's own branch (or tag).</summary>
    Own,

    /// <summary>The merge request's target branch.</summary>
    MergeRequestTarget,

    /// <summary>The default branch.</summary>
    DefaultBranch,

    /// <summary>Any other ref (added by a consumer).</summary>
    Other,
}

/// <summary>One cache-from ref with its role and the branch it belongs to, for plain-words log lines.</summary>
/// <param name="Spec">The <c>--cache-from</c> value.</param>
/// <param name="Role">Why it is in the chain.</param>
/// <param name="RefName">The branch or tag name it is keyed by (<c>main</c>), or null when unknown.</param>
/// <param name="IsTag">True when <paramref name="RefName"/> is a git tag (a tag pipeline's own ref).</param>
public sealed record CacheFromCandidate(CacheSpec Spec, CacheFromRole Role, string? RefName, bool IsTag = false)
{
    /// <summary>The cache ref (<c>registry/app/cache:main</c>); empty for a non-registry spec.</summary>
    public string Ref => Spec.Ref ?? string.Empty;

    /// <summary>How the log lines name it: <c>branch ref</c>, <c>main's ref</c>, <c>merge request target develop's ref</c>.</summary>
    public string Describe() => Role switch
    {
        CacheFromRole.Own => IsTag ? "tag ref" : "branch ref",
        CacheFromRole.MergeRequestTarget => RefName is null ? "merge request target's ref" : $"merge request target {RefName}'s ref",
        CacheFromRole.DefaultBranch => RefName is null ? "default branch's ref" : $"{RefName}'s ref",
        _ => "ref",
    };

    /// <summary>How <c>using …</c> names it: <c>main's</c>, <c>develop's (merge request target)</c>.</summary>
    public string Owner() => Role switch
    {
        CacheFromRole.Own => IsTag ? "the tag's" : "the branch's",
        CacheFromRole.MergeRequestTarget => RefName is null ? "the merge request target's" : $"{RefName}'s (merge request target)",
        CacheFromRole.DefaultBranch => RefName is null ? "the default branch's" : $"{RefName}'s",
        _ => Ref,
    };
}

/// <summary>Whether a cache ref exists in its registry.</summary>
public enum CacheRefStatus
{
    /// <summary>The tag exists.</summary>
    Exists,

    /// <summary>The registry says the tag (or its repository) does not exist.</summary>
    Missing,

    /// <summary>It could not be told: the registry is unreachable, refused access, or answered oddly.</summary>
    Unknown,
}

/// <summary>The answer for one ref.</summary>
/// <param name="Ref">The cache ref.</param>
/// <param name="Status">What the registry said.</param>
/// <param name="Detail">Why it is unknown (no secrets), or null.</param>
public sealed record CacheRefCheck(string Ref, CacheRefStatus Status, string? Detail = null);

/// <summary>The cache-from refs to pass, and what to log about them.</summary>
/// <param name="From">The <c>--cache-from</c> values to pass, in the original order.</param>
/// <param name="Log">Plain-words lines, one per decision.</param>
/// <param name="HasWarnings">True when some ref could not be checked (log those lines as warnings).</param>
public sealed record CacheFromSelection(IReadOnlyList<CacheSpec> From, IReadOnlyList<string> Log, bool HasWarnings);

/// <summary>
/// Which cache-from refs to pass (issue 5.1), with no I/O: a ref the registry says is missing is dropped; a
/// ref that exists is kept; a ref that could not be checked (registry unreachable, access refused) is kept,
/// with a warning, because a missing ref costs buildx nothing but a lost existing one costs a cold build.
/// Non-registry specs (<c>type=local</c>, <c>gha</c>, …) are always kept.
/// </summary>
public static class CacheFromPolicy
{
    /// <summary>
    /// The candidates of a plan's cache-from chain with their roles, recomputed from the plan's refs and
    /// options the way <see cref="CacheRefPolicy"/> built the chain.
    /// </summary>
    /// <param name="plan">The build plan.</param>
    /// <returns>One candidate per <see cref="BuildPlan.CacheFrom"/> entry, in order.</returns>
    public static IReadOnlyList<CacheFromCandidate> Candidates(BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var refs = plan.Refs;
        var prefix = plan.CacheTagPrefix;
        string? Of(string slug) => plan.CacheRepo is null ? null : CacheRefPolicy.CacheRef(plan.CacheRepo, prefix, slug);
        var own = refs.Kind == RefKind.Detached ? null : Of(refs.Slug);
        var target = refs.Kind == RefKind.Branch && refs.TargetBranch is { } t ? Of(RefSlug.From(t)) : null;
        var fallback = Of(RefSlug.From(refs.DefaultBranch));
        return [.. plan.CacheFrom.Select(spec => spec.Ref switch
        {
            { } r when r == own => new CacheFromCandidate(spec, CacheFromRole.Own, refs.RefName, refs.Kind == RefKind.Tag),
            { } r when r == target => new CacheFromCandidate(spec, CacheFromRole.MergeRequestTarget, refs.TargetBranch),
            { } r when r == fallback => new CacheFromCandidate(spec, CacheFromRole.DefaultBranch, refs.DefaultBranch),
            _ => new CacheFromCandidate(spec, CacheFromRole.Other, null),
        })];
    }

    /// <summary>Decides which refs to pass from what the registry said about each.</summary>
    /// <param name="candidates">The chain, most specific first.</param>
    /// <param name="checks">What the registry said, by ref; a ref without an answer counts as unknown.</param>
    /// <returns>The refs to pass and the log lines.</returns>
    public static CacheFromSelection Select(IReadOnlyList<CacheFromCandidate> candidates, IEnumerable<CacheRefCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(checks);
        var byRef = checks.GroupBy(check => check.Ref, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        CacheRefCheck StatusOf(CacheFromCandidate candidate) => candidate.Spec.Type != "registry" || candidate.Spec.Ref is null
            ? new CacheRefCheck(candidate.Ref, CacheRefStatus.Exists)
            : byRef.GetValueOrDefault(candidate.Ref) ?? new CacheRefCheck(candidate.Ref, CacheRefStatus.Unknown, "not checked");

        var statuses = candidates.Select(candidate => (Candidate: candidate, Check: StatusOf(candidate))).ToList();
        var kept = statuses.Where(item => item.Check.Status != CacheRefStatus.Missing).ToList();
        var log = new List<string>();
        var unknown = statuses.Where(item => item.Check.Status == CacheRefStatus.Unknown).ToList();

        // One registry being unreachable makes every ref unknown: say it once.
        if (unknown.Count > 0 && unknown.Count == statuses.Count)
        {
            var details = unknown.Select(item => item.Check.Detail).Where(detail => detail is not null).Distinct(StringComparer.Ordinal).ToList();
            log.Add($"cache: could not check the cache refs ({(details.Count == 0 ? "no answer" : string.Join("; ", details))}); passing all {statuses.Count} and going on");
            return new([.. candidates.Select(candidate => candidate.Spec)], log, true);
        }

        for (var i = 0; i < statuses.Count; i++)
        {
            var (candidate, check) = statuses[i];
            if (candidate.Spec.Type != "registry")
            {
                continue;
            }

            switch (check.Status)
            {
                case CacheRefStatus.Exists:
                    log.Add(i == 0 || statuses.Take(i).All(item => item.Check.Status == CacheRefStatus.Missing && item.Candidate.Spec.Type == "registry")
                        ? $"cache: {candidate.Describe()} {candidate.Ref} found{(i == 0 ? string.Empty : ", using it")}"
                        : $"cache: {candidate.Describe()} {candidate.Ref} found, kept as a fallback");
                    break;
                case CacheRefStatus.Missing:
                    var next = statuses.Skip(i + 1).FirstOrDefault(item => item.Check.Status != CacheRefStatus.Missing);
                    log.Add(next.Candidate is null
                        ? $"cache: {candidate.Describe()} {candidate.Ref} missing"
                        : $"cache: {candidate.Describe()} {candidate.Ref} missing, using {next.Candidate.Owner()}{(next.Check.Status == CacheRefStatus.Unknown ? " (unchecked)" : string.Empty)}");
                    break;
                default:
                    log.Add($"cache: could not check {candidate.Describe()} {candidate.Ref} ({check.Detail ?? "no answer"}); passing it anyway");
                    break;
            }
        }

        if (kept.Count == 0 && statuses.Count > 0)
        {
            log.Add("cache: no cache ref exists yet; this build starts cold");
        }

        return new([.. kept.Select(item => item.Candidate.Spec)], log, unknown.Count > 0);
    }
}
