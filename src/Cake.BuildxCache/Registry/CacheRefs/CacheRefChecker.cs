using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Asks the registry which cache refs exist (a HEAD of each manifest), for <see cref="CacheFromPolicy.Select"/>.
/// Never throws for a registry problem: a ref that cannot be checked is <see cref="CacheRefStatus.Unknown"/>
/// with the reason, and once a host is unreachable its other refs are not tried again.
/// </summary>
/// <param name="client">The registry client (its credentials and timeouts apply).</param>
internal sealed class CacheRefChecker(RegistryClient client)
{
    /// <summary>Checks each ref.</summary>
    /// <param name="refs">Cache refs such as <c>registry.example.com/app/cache:main</c>.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>One answer per distinct ref, in order.</returns>
    public async Task<IReadOnlyList<CacheRefCheck>> CheckAsync(IEnumerable<string> refs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var results = new List<CacheRefCheck>();
        var unreachable = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in refs.Distinct(StringComparer.Ordinal))
        {
            RepositoryReference reference;
            try
            {
                reference = RepositoryReference.Parse(text);
            }
            catch (ArgumentException exception)
            {
                results.Add(new(text, CacheRefStatus.Unknown, exception.Message));
                continue;
            }

            if (reference.Reference is null)
            {
                results.Add(new(text, CacheRefStatus.Unknown, "the ref names no tag"));
                continue;
            }

            if (unreachable.TryGetValue(reference.Host, out var why))
            {
                results.Add(new(text, CacheRefStatus.Unknown, why));
                continue;
            }

            try
            {
                var head = await client.HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false);
                results.Add(new(text, head is null ? CacheRefStatus.Missing : CacheRefStatus.Exists));
            }
            catch (RegistryException exception)
            {
                if (exception.Failure == RegistryFailure.Unreachable)
                {
                    unreachable[reference.Host] = exception.Message;
                }

                results.Add(new(text, CacheRefStatus.Unknown, exception.Message));
            }
        }

        return results;
    }

    /// <summary>Checks the candidates' refs and decides which to pass (see <see cref="CacheFromPolicy.Select"/>).</summary>
    /// <param name="candidates">The cache-from chain (the plan's <see cref="BuildPlan.CacheFromChain"/>).</param>
    /// <param name="readRecords">Also read the <see cref="CacheRecord"/> of each ref that exists (a GET of its manifest).</param>
    /// <param name="commit">This build's commit sha: a merge commit's own ref is read first when its record names it.</param>
    /// <param name="ancestryOf">Asks git how a recorded commit relates to <paramref name="commit"/> (see
    /// <see cref="GitAncestry"/>); when given, every existing ref's record is read so that a ref written by a commit
    /// that is not an ancestor of this one is tried last.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The refs to pass and the log lines.</returns>
    public async Task<CacheFromSelection> SelectAsync(IReadOnlyList<CacheFromCandidate> candidates, bool readRecords = false, string? commit = null, Func<string, AncestryFacts>? ancestryOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var refs = candidates.Where(candidate => candidate.Spec.Type == "registry" && candidate.Spec.Ref is not null).Select(candidate => candidate.Ref);
        var checks = await CheckAsync(refs, cancellationToken).ConfigureAwait(false);

        // A merge commit's choice between its own ref and the merged branch's needs its own ref's record.
        var needed = readRecords || (ancestryOf is not null && commit is not null)
            ? checks.Where(check => check.Status == CacheRefStatus.Exists).Select(check => check.Ref)
            : candidates.Any(candidate => candidate.Role == CacheFromRole.MergedBranch)
                ? candidates.Where(candidate => candidate.Role == CacheFromRole.Own).Select(candidate => candidate.Ref)
                    .Where(own => checks.Any(check => check.Ref == own && check.Status == CacheRefStatus.Exists))
                : [];
        var records = new Dictionary<string, CacheRecord>(StringComparer.Ordinal);
        foreach (var cacheRef in needed.ToList())
        {
            try
            {
                if (await client.GetManifestAsync(RepositoryReference.Parse(cacheRef), cancellationToken).ConfigureAwait(false) is { } manifest
                    && RecordedManifest.Read(manifest.Body) is { } record)
                {
                    records[cacheRef] = record;
                }
            }
            catch (RegistryException)
            {
                // A record that cannot be read is no record: the analysis then says what it could not compare.
            }
        }

        var ancestry = new Dictionary<string, AncestryFacts>(StringComparer.Ordinal);
        if (ancestryOf is not null && commit is not null)
        {
            foreach (var recorded in records.Values.Select(record => record.Commit).Where(recorded => recorded != commit).Distinct(StringComparer.Ordinal))
            {
                ancestry[recorded] = ancestryOf(recorded);
            }
        }

        var selection = CacheFromPolicy.Select(candidates, checks, records, commit, ancestry);
        return readRecords ? selection with { Records = records } : selection;
    }
}
