using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Registry-side cache pruning: lists the cache repository's tags, reads the manifest of every
/// cache tag (digest, size, write time), decides with <see cref="RegistryCachePrunePolicy"/>, and with
/// <see cref="RegistryPruneRequest.Confirm"/> deletes each chosen manifest by digest, after listing the tags once more
/// and reading every tag that stays again (a digest one of them points at now is not deleted). The registry frees
/// the blobs only in its garbage collection.
/// </summary>
/// <param name="client">The registry client (its credentials need delete rights to confirm).</param>
internal sealed class RegistryCachePruner(RegistryClient client)
{
    /// <summary>Runs the prune.</summary>
    /// <param name="request">What to prune and how.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The decision, the listing and what happened.</returns>
    /// <exception cref="InvalidOperationException">When the prune could delete image tags (empty prefix in the image repository).</exception>
    /// <exception cref="RegistryException">When the tags cannot be listed.</exception>
    public async Task<RegistryPruneResult> PruneAsync(RegistryPruneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repository = RepositoryReference.Parse(request.Repository).WithReference(null);
        if (request.Rules.Prefix.Length == 0 && request.ImageRepository is { } image
            && RepositoryReference.Parse(image).WithReference(null) == repository)
        {
            throw new InvalidOperationException(
                $"refusing to prune {repository}: it is the image repository and the cache tag prefix is empty, so image tags would count as cache tags; set --cache-tag-prefix (e.g. cache-) or a separate --cache-repo");
        }

        // Every tag, not only the prefixed ones: deleting a digest deletes every tag that points at it.
        var tags = await client.ListTagsAsync(repository, cancellationToken).ConfigureAwait(false);
        var failures = new List<string>();
        var infos = new CacheTagInfo[tags.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, request.Parallelism));
        var reads = tags.Select(async (tag, index) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                infos[index] = await ReadAsync(repository, tag, candidate: IsCandidate(tag, request.Rules.Prefix), cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException exception)
            {
                infos[index] = new CacheTagInfo(tag, null, null, null, ReadError: exception.Message);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(reads).ConfigureAwait(false);
        failures.AddRange(infos.Where(info => info.ReadError is not null).Select(info => $"could not read {repository.WithReference(info.Tag)}: {info.ReadError}"));

        var decision = RegistryCachePrunePolicy.Decide(infos, request.Rules);
        var lines = decision.Listing(repository.ToString(), dryRun: !request.Confirm).ToList();
        lines.AddRange(failures.Select(failure => "  error: " + failure));
        var deleted = new List<string>();
        if (!request.Confirm || failures.Count > 0 || decision.DigestsToDelete.Count == 0)
        {
            return new(decision, lines, deleted, failures);
        }

        // The listing and the reads took time: a build may since have moved a tag, pushed a new one, or moved a tag the
        // prune keeps onto a manifest it is about to delete (two branches building one commit write the same cache
        // manifest). So every tag that stays is read again after a last listing, and a digest any of them points at is
        // not deleted. A registry has no compare-and-swap: what remains is the time between that re-read and the DELETE.
        var doomedTags = decision.Deletions.Select(item => item.Tag.Tag).ToHashSet(StringComparer.Ordinal);
        IReadOnlyDictionary<string, List<string>> staying;
        try
        {
            var relisted = await client.ListTagsAsync(repository, cancellationToken).ConfigureAwait(false);
            staying = await StayingDigestsAsync(repository, relisted.Where(tag => !doomedTags.Contains(tag)).ToList(), request.Parallelism, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException exception)
        {
            var failure = $"could not read the tags of {repository} again before deleting, so nothing was deleted: {exception.Message}";
            failures.Add(failure);
            lines.Add("  error: " + failure);
            return new(decision, lines, deleted, failures);
        }

        var listed = tags.ToHashSet(StringComparer.Ordinal);
        foreach (var digest in decision.DigestsToDelete)
        {
            var tagsOfDigest = decision.Deletions.Where(item => item.Tag.Digest == digest).Select(item => item.Tag.Tag).ToList();
            var named = string.Join(", ", tagsOfDigest);
            try
            {
                if (staying.TryGetValue(digest, out var holders))
                {
                    var pushed = holders.Where(tag => !listed.Contains(tag)).ToList();
                    var moved = holders.Where(listed.Contains).ToList();
                    lines.Add(pushed.Count > 0 && moved.Count == 0
                        ? $"  skipped {named} ({digest}): a tag pushed since the listing points at it ({Quoted(pushed)})"
                        : $"  skipped {named} ({digest}): {Quoted(holders)}, which stay{(holders.Count == 1 ? "s" : string.Empty)}, point{(holders.Count == 1 ? "s" : string.Empty)} at it now (re-read after the last listing)");
                    continue;
                }

                if (await MovedTagAsync(repository, tagsOfDigest, digest, cancellationToken).ConfigureAwait(false) is { } changed)
                {
                    lines.Add($"  skipped {named} ({digest}): {changed} changed since the listing");
                    continue;
                }

                var removed = await client.DeleteManifestAsync(repository, digest, cancellationToken).ConfigureAwait(false);
                lines.Add(removed ? $"  deleted {named} ({digest})" : $"  {named} ({digest}) was already gone");
                if (removed)
                {
                    deleted.Add(digest);
                }
            }
            catch (RegistryException exception)
            {
                var failure = $"could not delete {named} ({digest}): {exception.Message}";
                failures.Add(failure);
                lines.Add("  error: " + failure);
                if (exception.Failure is RegistryFailure.DeleteDisabled or RegistryFailure.Unreachable)
                {
                    lines.Add("  stopped: the remaining deletions would fail the same way");
                    break;
                }
            }
        }

        return new(decision, lines, deleted, failures);
    }

    private static bool IsCandidate(string tag, string prefix) => tag.StartsWith(prefix, StringComparison.Ordinal) && tag.Length > prefix.Length;

    // A candidate is read whole (kind, size, write time); any other tag only needs its digest.
    private async Task<CacheTagInfo> ReadAsync(RepositoryReference repository, string tag, bool candidate, CancellationToken cancellationToken)
    {
        var reference = repository.WithReference(tag);
        if (!candidate && await client.HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false) is { Digest: { Length: > 0 } headDigest })
        {
            return new CacheTagInfo(tag, headDigest, null, null);
        }

        var info = await client.GetManifestInfoAsync(reference, cancellationToken).ConfigureAwait(false)
            ?? throw new RegistryException(RegistryFailure.Unexpected, $"{repository.Host} listed the tag '{tag}' but answered 404 for its manifest");
        return new CacheTagInfo(
            tag,
            info.Digest,
            info.Size,
            info.Created,
            info.CreatedFrom == CreatedSource.NewestLayer,
            info.Blobs.DistinctBy(blob => blob.Digest).ToDictionary(blob => blob.Digest, blob => blob.Size, StringComparer.Ordinal),
            info.IsBuildKitCache)
        {
            RecordCommit = info.Record?.Commit,
            Written = info.Record?.Written,
            CommitRefOf = info.Record?.CommitRefOf,
            IsCacheMount = CacheMountTag.LayerTagOf(tag) is not null && info.Record?.Fields.ContainsKey(CacheMountPolicy.MountIdField) == true,
        };
    }

    // The digest each tag that stays points at now, read in parallel: digest to the tags on it. A tag gone since is
    // left out; a tag that cannot be read fails the whole re-read (it might point at any digest).
    private async Task<IReadOnlyDictionary<string, List<string>>> StayingDigestsAsync(RepositoryReference repository, IReadOnlyList<string> tags, int parallelism, CancellationToken cancellationToken)
    {
        var digests = new string?[tags.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, parallelism));
        await Task.WhenAll(tags.Select(async (tag, index) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                digests[index] = await CurrentDigestAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return tags.Zip(digests)
            .Where(pair => pair.Second is not null)
            .GroupBy(pair => pair.Second!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.First).ToList(), StringComparer.Ordinal);
    }

    // What a tag points at now, or null when it is gone.
    private async Task<string?> CurrentDigestAsync(RepositoryReference reference, CancellationToken cancellationToken)
    {
        var head = await client.HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        return head is null ? null : head.Digest ?? (await client.GetManifestInfoAsync(reference, cancellationToken).ConfigureAwait(false))?.Digest;
    }

    private static string Quoted(IEnumerable<string> tags) => string.Join(", ", tags.Select(tag => $"'{tag}'"));

    // The tag (of those about to go with this digest) that no longer points at it, or null when none moved.
    private async Task<string?> MovedTagAsync(RepositoryReference repository, IReadOnlyList<string> tags, string digest, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            if (await CurrentDigestAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false) != digest)
            {
                return $"'{tag}'";
            }
        }

        return null;
    }
}
