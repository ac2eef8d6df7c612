using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Which cache-from refs to pass, with no I/O: a ref the registry says is missing is dropped; a
/// ref that exists is kept; a ref that could not be checked (registry unreachable, access refused) is kept,
/// with a warning, because a missing ref costs buildx nothing but a lost existing one costs a cold build.
/// Non-registry specs (<c>type=local</c>, <c>gha</c>, …) are always kept.
/// </summary>
internal static class CacheFromPolicy
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
        string? Of(string slug) => plan.CacheRepo is null ? null : CacheRefPolicy.CacheRef(plan.CacheRepo, prefix, slug, plan.CacheScope.Value);
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
