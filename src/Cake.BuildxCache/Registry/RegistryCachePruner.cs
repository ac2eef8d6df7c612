using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>A registry cache prune to run.</summary>
/// <param name="Repository">The cache repository, e.g. <c>registry.example.com/group/app/cache</c> (a tag on it is ignored).</param>
/// <param name="Rules">The rules (prefix, default branch, live branches, max age, now).</param>
/// <param name="Confirm">True deletes; false (the default) only lists what would go.</param>
public sealed record RegistryPruneRequest(string Repository, CachePruneRules Rules, bool Confirm = false)
{
    /// <summary>
    /// The image repository, when known: with an empty prefix and the cache living in the image repository,
    /// every image tag would look like a cache tag, so the prune refuses to run.
    /// </summary>
    public string? ImageRepository { get; init; }

    /// <summary>How many manifests are read at once (default 4).</summary>
    public int Parallelism { get; init; } = 4;
}

/// <summary>What a prune did.</summary>
/// <param name="Decision">The decision per tag.</param>
/// <param name="Lines">The listing, then one line per deletion or failure: print them as they are.</param>
/// <param name="Deleted">The digests deleted (empty on a dry run).</param>
/// <param name="Failures">What could not be read or deleted, in plain words.</param>
public sealed record RegistryPruneResult(CachePruneDecision Decision, IReadOnlyList<string> Lines, IReadOnlyList<string> Deleted, IReadOnlyList<string> Failures)
{
    /// <summary>True when every planned deletion happened (always true on a dry run).</summary>
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Registry-side cache pruning (issue 5.4): lists the cache repository's tags, reads the manifest of every
/// cache tag (digest, size, write time), decides with <see cref="RegistryCachePrunePolicy"/>, and with
/// <see cref="RegistryPruneRequest.Confirm"/> deletes each chosen manifest by digest. The registry frees
/// the blobs only in its garbage collection.
/// </summary>
/// <param name="client">The registry client (its credentials need delete rights to confirm).</param>
public sealed class RegistryCachePruner(RegistryClient client)
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

        var tags = await client.ListTagsAsync(repository, cancellationToken).ConfigureAwait(false);
        var failures = new List<string>();
        var infos = new CacheTagInfo[tags.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, request.Parallelism));
        var reads = tags.Select(async (tag, index) =>
        {
            if (!tag.StartsWith(request.Rules.Prefix, StringComparison.Ordinal))
            {
                infos[index] = new CacheTagInfo(tag, null, null, null);
                return;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var info = await client.GetManifestInfoAsync(repository.WithReference(tag), cancellationToken).ConfigureAwait(false);
                infos[index] = info is null
                    ? new CacheTagInfo(tag, null, null, null)
                    : new CacheTagInfo(
                        tag,
                        info.Digest,
                        info.Size,
                        info.Created,
                        info.CreatedFrom == CreatedSource.NewestLayer,
                        info.Blobs.DistinctBy(blob => blob.Digest).ToDictionary(blob => blob.Digest, blob => blob.Size, StringComparer.Ordinal));
            }
            catch (RegistryException exception)
            {
                lock (failures)
                {
                    failures.Add($"could not read {repository.WithReference(tag)}: {exception.Message}");
                }

                infos[index] = new CacheTagInfo(tag, null, null, null);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(reads).ConfigureAwait(false);

        var decision = RegistryCachePrunePolicy.Decide(infos, request.Rules);
        var lines = decision.Listing(repository.ToString(), dryRun: !request.Confirm).ToList();
        lines.AddRange(failures.Select(failure => "  warning: " + failure));
        var deleted = new List<string>();
        if (!request.Confirm)
        {
            return new(decision, lines, deleted, failures);
        }

        foreach (var digest in decision.DigestsToDelete)
        {
            var tagsOfDigest = string.Join(", ", decision.Deletions.Where(item => item.Tag.Digest == digest).Select(item => item.Tag.Tag));
            try
            {
                var removed = await client.DeleteManifestAsync(repository, digest, cancellationToken).ConfigureAwait(false);
                lines.Add(removed ? $"  deleted {tagsOfDigest} ({digest})" : $"  {tagsOfDigest} ({digest}) was already gone");
                if (removed)
                {
                    deleted.Add(digest);
                }
            }
            catch (RegistryException exception)
            {
                var failure = $"could not delete {tagsOfDigest} ({digest}): {exception.Message}";
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
}
