using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Registry-side cache pruning: lists the cache repository's tags, reads the manifest of every
/// cache tag (digest, size, write time), decides with <see cref="RegistryCachePrunePolicy"/>, and with
/// <see cref="RegistryPruneRequest.Confirm"/> deletes each chosen manifest by digest. The registry frees
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

        // The listing took time: a build may have moved a tag, or pushed a new one onto a stale digest, since.
        HashSet<string> protectedDigests;
        try
        {
            protectedDigests = await NewTagDigestsAsync(repository, tags, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException exception)
        {
            var failure = $"could not list the tags of {repository} again before deleting, so nothing was deleted: {exception.Message}";
            failures.Add(failure);
            lines.Add("  error: " + failure);
            return new(decision, lines, deleted, failures);
        }

        foreach (var digest in decision.DigestsToDelete)
        {
            var tagsOfDigest = decision.Deletions.Where(item => item.Tag.Digest == digest).Select(item => item.Tag.Tag).ToList();
            var named = string.Join(", ", tagsOfDigest);
            try
            {
                if (protectedDigests.Contains(digest))
                {
                    lines.Add($"  skipped {named} ({digest}): a tag pushed since the listing points at it");
                    continue;
                }

                if (await MovedTagAsync(repository, tagsOfDigest, digest, cancellationToken).ConfigureAwait(false) is { } moved)
                {
                    lines.Add($"  skipped {named} ({digest}): {moved} changed since the listing");
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
        };
    }

    private async Task<HashSet<string>> NewTagDigestsAsync(RepositoryReference repository, IReadOnlyList<string> listed, CancellationToken cancellationToken)
    {
        var known = listed.ToHashSet(StringComparer.Ordinal);
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in await client.ListTagsAsync(repository, cancellationToken).ConfigureAwait(false))
        {
            if (!known.Contains(tag) && await client.HeadManifestAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false) is { } head)
            {
                digests.Add(head.Digest ?? (await client.GetManifestInfoAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false))?.Digest ?? string.Empty);
            }
        }

        return digests;
    }

    // The tag (of those about to go with this digest) that no longer points at it, or null when none moved.
    private async Task<string?> MovedTagAsync(RepositoryReference repository, IReadOnlyList<string> tags, string digest, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            var head = await client.HeadManifestAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false);
            var now = head is null ? null : head.Digest ?? (await client.GetManifestInfoAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false))?.Digest;
            if (now != digest)
            {
                return $"'{tag}'";
            }
        }

        return null;
    }
}
