using System.Globalization;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Copies a commit's cache ref to its branch ref through the registry API when <see cref="PromotionPolicy"/> allows it:
/// GET the commit ref's manifest, read the record on the branch ref, ask git how the commits relate, PUT the manifest
/// with this commit's <see cref="CacheRecord"/> in its annotations under the branch tag, and read it back.
/// <para>
/// A registry has no compare-and-swap, so two promoters can cross; they converge on the newest commit instead. Just
/// before the PUT the branch ref's digest is checked again (a change starts the decision over). The PUT is sent once
/// (a 5xx or no answer: read the ref again and decide, never repeat it blindly). After a pause the ref is read back: an
/// older build's copy there (its record names an ancestor) is written over again; a descendant's means this build is
/// superseded. The read-back covers every promoter whose PUT took less than the pause from its check to its answer:
/// such a write landed before the read-back. A PUT that took longer may have landed after a newer promoter had read
/// back and finished, so that promoter cannot see it; this build then looks for the newer cache itself (the commit
/// refs beside the branch ref whose commits are descendants of ours) and puts the newest back. At most
/// <see cref="MaxRounds"/> rounds.
/// </para>
/// </summary>
/// <param name="client">The registry client.</param>
/// <param name="history">Asks git how commits relate and what an abbreviated sha names.</param>
/// <param name="settle">The pause before the read-back.</param>
/// <param name="time">The clock, for the record's time and the elapsed time.</param>
internal sealed class CachePromoter(RegistryClient client, CommitHistory history, TimeSpan settle, TimeProvider time)
{
    /// <summary>The most decisions one promotion makes.</summary>
    public const int MaxRounds = 4;

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
        var ours = promotion.Commit;
        var source = await client.GetManifestAsync(commitRef, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            log.Add($"cache promote: {promotion.CommitRef} does not exist (the cache export failed or was skipped): nothing to promote, {promotion.BranchRef} stays as it is");
            return new(null, false, null, time.GetElapsedTime(started), log);
        }

        PromotionResult Done(PromotionDecision? decision, bool promoted, string? digest) => new(decision, promoted, digest, time.GetElapsedTime(started), log);

        PromotionDecision? decision = null;
        string? written = null;
        var wrote = false;
        for (var round = 1; round <= MaxRounds; round++)
        {
            var branch = await client.GetManifestAsync(branchRef, cancellationToken).ConfigureAwait(false);
            var held = branch is null ? null : RecordedManifest.Read(branch.Body)?.Commit;
            var facts = PromotionPolicy.NeedsAncestry(ours, branch is not null, held) ? history.Relate(held!, ours) : null;
            if (wrote && facts?.OursBeforeHeld == Ancestry.Ancestor)
            {
                decision = PromotionPolicy.Superseded(ours, held!, "written after this build's copy or put back over it");
                log.Add("cache promote: " + decision.Why);
                return Done(decision, false, written);
            }

            decision = PromotionPolicy.Decide(ours, branch is not null, held, facts);
            log.Add("cache promote: " + decision.Why);
            if (!decision.Promotes)
            {
                return Done(decision, false, written);
            }

            var checkedAt = time.GetTimestamp();
            var now = await client.HeadManifestAsync(branchRef, cancellationToken).ConfigureAwait(false);
            if (now?.Digest != branch?.Digest)
            {
                log.Add($"cache promote: {promotion.BranchRef} changed while deciding: deciding again");
                continue;
            }

            var record = CacheRecord.Of(ours)
                .With("promoted", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
                .With("source", commitRef.Reference!);
            record = complete?.Invoke(record) ?? record;
            var body = RecordedManifest.With(source.Body, record);
            var mediaType = source.MediaType.Length > 0 ? source.MediaType : ManifestDocument.Parse(body, null).MediaType;
            wrote = true;
            try
            {
                written = await client.PutManifestAsync(branchRef, body, mediaType, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException exception) when (exception.OutcomeUnknown)
            {
                log.Add($"cache promote: the PUT of {promotion.BranchRef} failed ({exception.Message}); it may have landed, so the ref is read again instead of repeating the PUT");
                continue;
            }

            var window = time.GetElapsedTime(checkedAt);
            log.Add($"cache promote: copied {promotion.CommitRef} to {promotion.BranchRef} ({written}, recording commit {ours[..8]}) in {Milliseconds(window)} ms from the check");
            if (settle > TimeSpan.Zero)
            {
                await Task.Delay(settle, time, cancellationToken).ConfigureAwait(false);
            }

            var after = await client.GetManifestAsync(branchRef, cancellationToken).ConfigureAwait(false);
            var nowHeld = after is null ? null : RecordedManifest.Read(after.Body)?.Commit;
            if (nowHeld != ours)
            {
                log.Add($"cache promote: {promotion.BranchRef} was overwritten meanwhile (it now holds {(nowHeld is null ? "no record" : nowHeld[..8])}): deciding again");
                continue;
            }

            if (window < settle)
            {
                log.Add($"cache promote: {promotion.BranchRef} holds {ours[..8]} (read back after {Milliseconds(settle)} ms)");
                return Done(decision, true, after!.Digest);
            }

            // Slower than the pause: a newer promoter may have read back before this write landed and finished.
            log.Add($"cache promote: the PUT took {Milliseconds(window)} ms from the check, longer than the {Milliseconds(settle)} ms pause before a read-back: looking for a newer commit's cache it may have replaced");
            var newer = await NewestDescendantAsync(branchRef, ours, log, cancellationToken).ConfigureAwait(false);
            if (newer is null)
            {
                log.Add($"cache promote: {promotion.BranchRef} holds {ours[..8]} (read back after {Milliseconds(settle)} ms; no newer commit ref beside it)");
                return Done(decision, true, after!.Digest);
            }

            await PutBackAsync(branchRef, newer.Value.Tag, newer.Value.Commit, log, cancellationToken).ConfigureAwait(false);
        }

        log.Add($"cache promote: gave up after {MaxRounds} rounds: {promotion.BranchRef} keeps changing under concurrent builds; the commit ref {promotion.CommitRef} stays");
        return Done(decision, false, written);
    }

    private static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The newest commit ref beside the branch ref (<c>&lt;branch tag&gt;-&lt;8 hex&gt;</c>) whose commit is a descendant
    /// of ours, or null: the one every other such commit is an ancestor of. Commits the clone does not have cannot be
    /// placed and are named in the log.
    /// </summary>
    private async Task<(string Tag, string Commit)?> NewestDescendantAsync(RepositoryReference branchRef, string ours, List<string> log, CancellationToken cancellationToken)
    {
        var prefix = branchRef.Reference + "-";
        var descendants = new List<(string Tag, string Commit)>();
        foreach (var tag in await client.ListTagsAsync(branchRef, cancellationToken).ConfigureAwait(false))
        {
            var hex = tag.StartsWith(prefix, StringComparison.Ordinal) ? tag[prefix.Length..] : null;
            if (hex is not { Length: 8 } || !hex.All(char.IsAsciiHexDigitLower) || ours.StartsWith(hex, StringComparison.Ordinal))
            {
                continue;
            }

            if (history.Resolve(hex) is not { } commit)
            {
                log.Add($"cache promote: {tag} names a commit this clone does not have: it cannot be placed");
                continue;
            }

            if (commit != ours && history.Relate(ours, commit).HeldBeforeOurs == Ancestry.Ancestor)
            {
                descendants.Add((tag, commit));
            }
        }

        var newest = descendants.Where(candidate => descendants.All(other => other == candidate || history.Relate(other.Commit, candidate.Commit).HeldBeforeOurs == Ancestry.Ancestor)).ToList();
        if (descendants.Count > 0 && newest.Count == 0)
        {
            log.Add($"cache promote: the newer commit refs {string.Join(", ", descendants.Select(candidate => candidate.Tag))} are on different lines: none is put back");
        }

        return newest.Count > 0 ? newest[0] : null;
    }

    /// <summary>Writes a newer commit's cache back on the branch ref, recorded as its own promotion would record it.</summary>
    private async Task PutBackAsync(RepositoryReference branchRef, string tag, string commit, List<string> log, CancellationToken cancellationToken)
    {
        var newer = await client.GetManifestAsync(branchRef.WithReference(tag), cancellationToken).ConfigureAwait(false);
        if (newer is null)
        {
            log.Add($"cache promote: {tag} is gone (pruned): nothing to put back");
            return;
        }

        var record = (RecordedManifest.Read(newer.Body) is { } own && own.Commit == commit ? own : CacheRecord.Of(commit))
            .With("promoted", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            .With("source", tag);
        var body = RecordedManifest.With(newer.Body, record);
        var mediaType = newer.MediaType.Length > 0 ? newer.MediaType : ManifestDocument.Parse(body, null).MediaType;
        try
        {
            var digest = await client.PutManifestAsync(branchRef, body, mediaType, cancellationToken).ConfigureAwait(false);
            log.Add($"cache promote: put {tag} (commit {commit[..8]}, a descendant of this build's) back on {branchRef} ({digest})");
        }
        catch (RegistryException exception) when (exception.OutcomeUnknown)
        {
            log.Add($"cache promote: putting {tag} back on {branchRef} failed ({exception.Message}); the ref is read again");
        }
    }
}
