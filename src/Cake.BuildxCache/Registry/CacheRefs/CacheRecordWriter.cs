using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Puts a <see cref="CacheRecord"/> on the cache ref a build has just written (the branch ref, or with
/// <c>--cache-promote</c> the commit ref, whose promotion then writes the branch ref's record itself): GET the manifest,
/// add the record to its annotations, PUT it back under the same tag. Only when the tag still holds the manifest this build wrote: when another
/// build has written the ref since, its cache is left as it is, with no record (a record must describe the cache it
/// sits on). A registry has no compare-and-swap: between the check and the PUT (one request) another build's export
/// can still land and be replaced by this one's, the same last-writer-wins the default mode has without a record.
/// </summary>
/// <param name="client">The registry client.</param>
internal sealed class CacheRecordWriter(RegistryClient client)
{
    /// <summary>Writes the record.</summary>
    /// <param name="cacheRef">The cache ref the build wrote (its <c>--cache-to</c> ref).</param>
    /// <param name="written">The digest of the cache manifest the build wrote (<c>cache.manifest</c> of the metadata file).</param>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The new digest of the ref, or null when not written, and a log line.</returns>
    /// <exception cref="RegistryException">When the registry fails.</exception>
    public async Task<(string? Digest, string Log)> WriteAsync(string cacheRef, string written, CacheRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cacheRef);
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(record);
        var reference = RepositoryReference.Parse(cacheRef);
        var manifest = await client.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return (null, $"cache record: {cacheRef} does not exist (the cache export failed or was skipped): no record written");
        }

        if (manifest.Digest != written)
        {
            return (null, $"cache record: {cacheRef} holds {manifest.Digest}, not the cache this build wrote ({written}): another build wrote it since, so it is left without a record");
        }

        var body = RecordedManifest.With(manifest.Body, record);
        var mediaType = manifest.MediaType.Length > 0 ? manifest.MediaType : ManifestDocument.Parse(body, null).MediaType;
        string digest;
        try
        {
            digest = await client.PutManifestAsync(reference, body, mediaType, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException exception) when (exception.OutcomeUnknown)
        {
            // The PUT may have landed: read the ref again rather than repeat it over what another build wrote since.
            var ours = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
            var now = await client.HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false);
            if (now?.Digest != ours)
            {
                return (null, $"cache record: the PUT of {cacheRef} failed ({exception.Message}) and the ref holds {now?.Digest ?? "nothing"}: no record written");
            }

            digest = ours;
        }

        return (digest, $"cache record: {cacheRef} records what it was written with ({digest})");
    }
}
