namespace Cake.BuildxCache.Registry;

/// <summary>
/// Puts image tags back on the index they held before a push that gave them the same image manifests in a new index.
/// A registry has no compare-and-swap: each tag is read just before it is written, and a tag that no longer holds the
/// pushed index (another run moved it meanwhile) is left where it is, so a newer image is never replaced by an older.
/// </summary>
/// <param name="client">The registry client.</param>
internal sealed class ImageTagRestorer(RegistryClient client)
{
    /// <summary>Puts each tag back on its earlier index, when it still holds <paramref name="pushedDigest"/>.</summary>
    /// <param name="pushedDigest">The digest of the index the push gave the tags.</param>
    /// <param name="tags">Each tag with the digest it held before the push.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Per tag, whether it was put back, and why not.</returns>
    public async Task<IReadOnlyList<TagRestore>> RestoreAsync(string pushedDigest, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushedDigest);
        ArgumentNullException.ThrowIfNull(tags);
        var results = new List<TagRestore>();
        foreach (var (tag, earlier) in tags)
        {
            results.Add(await RestoreAsync(RepositoryReference.Parse(tag), tag, pushedDigest, earlier, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<TagRestore> RestoreAsync(RepositoryReference reference, string tag, string pushedDigest, string earlier, CancellationToken cancellationToken)
    {
        try
        {
            if (await client.GetManifestAsync(reference.WithReference(earlier), cancellationToken).ConfigureAwait(false) is not { } previous)
            {
                return new(tag, earlier, false, $"its earlier index {earlier} is gone");
            }

            var current = await client.HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false);
            if (current?.Digest != pushedDigest)
            {
                return new(tag, earlier, false, $"another run moved it to {current?.Digest ?? "nothing"} after this push, so it is left there");
            }

            await client.PutManifestAsync(reference, previous.Body, previous.MediaType, cancellationToken).ConfigureAwait(false);
            return new(tag, earlier, true, null);
        }
        catch (RegistryException exception)
        {
            return new(tag, earlier, false, exception.Message);
        }
    }
}
