using System.Globalization;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Copies a commit's cache ref to its branch ref through the registry API when <see cref="PromotionPolicy"/> allows it:
/// GET the commit ref's manifest, read the record on the branch ref, ask git how the commits relate, PUT the manifest
/// with this commit's <see cref="CacheRecord"/> in its annotations under the branch tag, and read it back.
/// <para>
/// A registry has no compare-and-swap, so two promoters could cross. The window is kept to one request: just before the
/// PUT the branch ref's digest is checked again (a change starts the decision over), and after a pause the branch ref is
/// read back; when an older build's cache has landed on it meanwhile (its record names an ancestor of ours), the next
/// round promotes again. At most <see cref="MaxRounds"/> rounds.
/// </para>
/// </summary>
/// <param name="client">The registry client.</param>
/// <param name="ancestry">Asks git how the commit the branch ref holds relates to ours (the argument: the held commit).</param>
/// <param name="settle">The pause before the read-back.</param>
/// <param name="time">The clock, for the record's time and the elapsed time.</param>
internal sealed class CachePromoter(RegistryClient client, Func<string, AncestryFacts> ancestry, TimeSpan settle, TimeProvider time)
{
    /// <summary>The most decisions one promotion makes.</summary>
    public const int MaxRounds = 3;

    /// <summary>Promotes.</summary>
    /// <param name="promotion">The plan's promotion.</param>
    /// <param name="complete">Adds further fields to the record the copy carries (what the cache was written with), or null.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="RegistryException">When the registry fails (the caller decides whether that fails the build).</exception>
    public async Task<PromotionResult> PromoteAsync(CachePromotion promotion, Func<CacheRecord, CacheRecord>? complete = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        var started = time.GetTimestamp();
        var log = new List<string>();
        var commitRef = RepositoryReference.Parse(promotion.CommitRef);
        var branchRef = RepositoryReference.Parse(promotion.BranchRef);
        var source = await client.GetManifestAsync(commitRef, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            log.Add($"cache promote: {promotion.CommitRef} does not exist (the cache export failed or was skipped): nothing to promote, {promotion.BranchRef} stays as it is");
            return new(null, false, null, time.GetElapsedTime(started), log);
        }

        PromotionDecision? decision = null;
        string? written = null;
        for (var round = 1; round <= MaxRounds; round++)
        {
            var branch = await client.GetManifestAsync(branchRef, cancellationToken).ConfigureAwait(false);
            var held = branch is null ? null : RecordedManifest.Read(branch.Body)?.Commit;
            var facts = PromotionPolicy.NeedsAncestry(promotion.Commit, branch is not null, held) ? ancestry(held!) : null;
            decision = PromotionPolicy.Decide(promotion.Commit, branch is not null, held, facts);
            log.Add("cache promote: " + decision.Why);
            if (!decision.Promotes)
            {
                return new(decision, false, written, time.GetElapsedTime(started), log);
            }

            var now = await client.HeadManifestAsync(branchRef, cancellationToken).ConfigureAwait(false);
            if (now?.Digest != branch?.Digest)
            {
                log.Add($"cache promote: {promotion.BranchRef} changed while deciding: deciding again");
                continue;
            }

            var record = CacheRecord.Of(promotion.Commit)
                .With("promoted", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
                .With("source", commitRef.Reference!);
            record = complete?.Invoke(record) ?? record;
            var body = RecordedManifest.With(source.Body, record);
            var mediaType = source.MediaType.Length > 0 ? source.MediaType : ManifestDocument.Parse(body, null).MediaType;
            written = await client.PutManifestAsync(branchRef, body, mediaType, cancellationToken).ConfigureAwait(false);
            log.Add($"cache promote: copied {promotion.CommitRef} to {promotion.BranchRef} ({written}, recording commit {promotion.Commit[..8]})");

            if (settle > TimeSpan.Zero)
            {
                await Task.Delay(settle, time, cancellationToken).ConfigureAwait(false);
            }

            var after = await client.GetManifestAsync(branchRef, cancellationToken).ConfigureAwait(false);
            var nowHeld = after is null ? null : RecordedManifest.Read(after.Body)?.Commit;
            if (nowHeld == promotion.Commit)
            {
                log.Add($"cache promote: {promotion.BranchRef} holds {promotion.Commit[..8]} (read back after {settle.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)");
                return new(decision, true, after!.Digest, time.GetElapsedTime(started), log);
            }

            log.Add($"cache promote: {promotion.BranchRef} was overwritten meanwhile (it now holds {(nowHeld is null ? "no record" : nowHeld[..8])}): deciding again");
        }

        log.Add($"cache promote: gave up after {MaxRounds} rounds: {promotion.BranchRef} keeps changing under concurrent builds; the commit ref {promotion.CommitRef} stays");
        return new(decision, false, written, time.GetElapsedTime(started), log);
    }
}
