using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Which cache-from refs to pass, with no I/O: <b>one</b> registry ref, the first of the chain that exists. A merge
/// commit reads the merged branch's ref before its own unless its own was written by this very commit (a rerun). A ref
/// that could not be checked (registry unreachable, access refused) is passed as well, with a warning, and the next one
/// too, because a missing ref costs buildx nothing but a lost existing one costs a cold build. A ref whose record names
/// a commit that git proves is not an ancestor of this one (a branch rebased since its ref was written) is tried after
/// every other ref: its steps were built on a history this commit no longer has, so the next ref usually hits more.
/// When git cannot tell (a shallow clone, a commit the clone lacks, no record), the ref keeps its place. Non-registry specs
/// (<c>type=local</c>, <c>gha</c>, …) are always kept.
/// </summary>
/// <remarks>
/// Why one ref: BuildKit 0.32.2 merges several imported caches step by step, and the merge can lose a hit that either
/// cache alone gives. Each <c>--cache-from</c> is a cache manager of its own (<c>solver/llbsolver/bridge.go</c>
/// <c>loadResult</c>, <c>solver/jobs.go</c> <c>state.combinedCacheManager</c>), asked in parallel;
/// <c>solver/combinedcache.go</c> <c>combinedCacheManager.Query</c> keeps, for a step both caches hold, the key of
/// whichever answered first, and that key names only its own cache. The next step is then looked up in the other cache
/// through <c>solver/cachemanager.go</c> <c>cacheManager.getIDFromDeps</c>, which takes any one of several matching links
/// or a new random ID when none matches, so a chain that goes on only in the other cache (the branch's compile after
/// the dependencies both caches hold) is missed at random: measured with plain buildx (<c>bench/chain.sh</c>), a rerun of
/// a feature commit with its branch's ref then main's cached 4 of 6 steps in most runs, its branch's ref alone 6 of 6
/// every time. The order of the refs does not pick the winner: the imports run concurrently. One ref is never merged.
/// </remarks>
internal static class CacheFromPolicy
{
    /// <summary>Decides which refs to pass from what the registry said about each.</summary>
    /// <param name="candidates">The chain, most specific first: the plan's <see cref="BuildPlan.CacheFromChain"/>.</param>
    /// <param name="checks">What the registry said, by ref; a ref without an answer counts as unknown.</param>
    /// <param name="records">The records of the refs that exist (ref to record), when read; a merge commit's own ref is
    /// read first only when its record names <paramref name="commit"/>.</param>
    /// <param name="commit">This build's commit sha, or null.</param>
    /// <param name="ancestry">What git said about each recorded commit (by commit sha) against <paramref name="commit"/>;
    /// a commit without facts counts as unknown.</param>
    /// <returns>The refs to pass and the log lines.</returns>
    public static CacheFromSelection Select(
        IReadOnlyList<CacheFromCandidate> candidates,
        IEnumerable<CacheRefCheck> checks,
        IReadOnlyDictionary<string, CacheRecord>? records = null,
        string? commit = null,
        IReadOnlyDictionary<string, AncestryFacts>? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(checks);
        var byRef = checks.GroupBy(check => check.Ref, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        CacheRefCheck StatusOf(CacheFromCandidate candidate) => candidate.Spec.Type != "registry" || candidate.Spec.Ref is null
            ? new CacheRefCheck(candidate.Ref, CacheRefStatus.Exists)
            : byRef.GetValueOrDefault(candidate.Ref) ?? new CacheRefCheck(candidate.Ref, CacheRefStatus.Unknown, "not checked");

        var ordered = ReadOrder(candidates, records, commit);
        var mergeFirst = ordered.Count > 0 && ordered[0] != candidates[0];
        var statuses = ordered.Select(candidate => (Candidate: candidate, Check: StatusOf(candidate))).ToList();
        var log = new List<string>();
        var registry = statuses.Where(item => item.Candidate.Spec.Type == "registry").ToList();
        var unknown = registry.Where(item => item.Check.Status == CacheRefStatus.Unknown).ToList();

        // One registry being unreachable makes every ref unknown: say it once.
        if (unknown.Count > 0 && unknown.Count == statuses.Count)
        {
            var details = unknown.Select(item => item.Check.Detail).Where(detail => detail is not null).Distinct(StringComparer.Ordinal).ToList();
            log.Add($"cache: could not check the cache refs ({(details.Count == 0 ? "no answer" : string.Join("; ", details))}); passing all {statuses.Count} and going on");
            return new([.. candidates.Select(candidate => candidate.Spec)], log, true);
        }

        // A ref written by a commit proven not to be an ancestor of this one is tried last.
        string? ForeignCommit(CacheFromCandidate candidate) =>
            commit is not null && records?.GetValueOrDefault(candidate.Ref) is { } record && record.Commit != commit
                && ancestry?.GetValueOrDefault(record.Commit)?.HeldBeforeOurs == Ancestry.NotAncestor
                ? record.Commit
                : null;
        var foreign = registry.Where(item => item.Check.Status == CacheRefStatus.Exists && ForeignCommit(item.Candidate) is not null).ToList();
        var tried = registry.Except(foreign).Concat(foreign);

        // The registry refs to read: the first that exists, and any before it that could not be checked.
        var read = new List<CacheFromCandidate>();
        foreach (var (candidate, check) in tried.Where(item => item.Check.Status != CacheRefStatus.Missing))
        {
            read.Add(candidate);
            if (check.Status == CacheRefStatus.Exists)
            {
                break;
            }
        }

        var chosen = read.LastOrDefault();
        if (mergeFirst && registry.Count > 0)
        {
            log.Add($"cache: a merge commit of {ordered[0].RefName}: its ref is tried before the branch's own, which this commit has not written");
        }

        for (var i = 0; i < registry.Count; i++)
        {
            var (candidate, check) = registry[i];
            switch (check.Status)
            {
                case CacheRefStatus.Exists when ForeignCommit(candidate) is { } by:
                    var why = $"written by {by[..8]}, which is not an ancestor of this commit";
                    log.Add(read.Contains(candidate)
                        ? $"cache: {candidate.Describe()} {candidate.Ref} found, {why}; read as no other ref exists"
                        : $"cache: {candidate.Describe()} {candidate.Ref} found, not read: it was {why} (a rebase?); using {chosen!.Owner()}");
                    break;
                case CacheRefStatus.Exists when read.Contains(candidate):
                    log.Add($"cache: {candidate.Describe()} {candidate.Ref} found{(i == 0 ? string.Empty : ", using it")}");
                    break;
                case CacheRefStatus.Exists:
                    log.Add($"cache: {candidate.Describe()} {candidate.Ref} found, not read: {chosen!.Owner()} is read alone");
                    break;
                case CacheRefStatus.Missing:
                    var next = registry.Skip(i + 1).FirstOrDefault(item => item.Check.Status != CacheRefStatus.Missing && !foreign.Contains(item));
                    next = next.Candidate is null && chosen is not null && foreign.Any(item => item.Candidate == chosen) ? foreign.First(item => item.Candidate == chosen) : next;
                    log.Add(next.Candidate is null
                        ? $"cache: {candidate.Describe()} {candidate.Ref} missing"
                        : $"cache: {candidate.Describe()} {candidate.Ref} missing, using {next.Candidate.Owner()}{(next.Check.Status == CacheRefStatus.Unknown ? " (unchecked)" : string.Empty)}");
                    break;
                default:
                    log.Add(read.Contains(candidate)
                        ? $"cache: could not check {candidate.Describe()} {candidate.Ref} ({check.Detail ?? "no answer"}); passing it anyway"
                        : $"cache: could not check {candidate.Describe()} {candidate.Ref} ({check.Detail ?? "no answer"}); not read: {chosen!.Owner()} is read");
                    break;
            }
        }

        if (read.Count == 0 && registry.Count > 0)
        {
            log.Add("cache: no cache ref exists yet; this build starts cold");
        }

        // Passed in the chain's order; non-registry specs are always kept.
        var passed = statuses.Where(item => item.Candidate.Spec.Type != "registry" || read.Contains(item.Candidate)).Select(item => item.Candidate.Spec).ToList();
        return new(passed, log, unknown.Count > 0);
    }

    /// <summary>
    /// The chain in the order the refs are tried: as planned, except that a merge commit tries the merged branch's ref
    /// before its own unless its own ref's record names this commit.
    /// </summary>
    private static IReadOnlyList<CacheFromCandidate> ReadOrder(IReadOnlyList<CacheFromCandidate> candidates, IReadOnlyDictionary<string, CacheRecord>? records, string? commit)
    {
        var merged = candidates.FirstOrDefault(candidate => candidate.Role == CacheFromRole.MergedBranch);
        var own = candidates.FirstOrDefault(candidate => candidate.Role == CacheFromRole.Own);
        if (merged is null || own is null || (commit is not null && records?.GetValueOrDefault(own.Ref)?.Commit == commit))
        {
            return candidates;
        }

        return [merged, .. candidates.Where(candidate => candidate != merged)];
    }
}
