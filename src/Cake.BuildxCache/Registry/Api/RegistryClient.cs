using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// The registry HTTP API v2 (the OCI distribution API) for what the cache needs: does a tag exist, list tags, read a
/// manifest (its digest, size and creation time) and the configuration blob that dates it, write a manifest, delete by
/// digest. How a request reaches the registry (authentication, retries, redirects) is <see cref="RegistryTransport"/>'s;
/// every operation here also ends by <see cref="RegistryClientOptions.OperationDeadline"/> (<see cref="OperationDeadline"/>),
/// and a tag list follows its <c>Link</c> pages (<see cref="TagListLinks"/>). Every request is retried after a failure
/// except a manifest PUT (see <see cref="PutManifestAsync"/>).
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private readonly RegistryClientOptions options;
    private readonly RegistryTransport transport;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Connection and credential options; defaults when null.</param>
    /// <param name="handler">The HTTP handler (a test double, or a configured <see cref="SocketsHttpHandler"/>); a default one when null. Disposed with the client.</param>
    /// <param name="timeProvider">The clock for token expiry; the system clock when null.</param>
    public RegistryClient(RegistryClientOptions? options = null, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        this.options = options ?? new RegistryClientOptions();
        transport = new RegistryTransport(this.options, handler, timeProvider ?? TimeProvider.System);
    }


    /// <summary>HEADs a manifest with the Accept headers of OCI index/manifest and Docker manifest list/v2.</summary>
    /// <param name="reference">Repository and tag or digest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the registry answered, or null when the tag (or repository) does not exist.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses access or answers unexpectedly.</exception>
    public async Task<ManifestHead?> HeadManifestAsync(RepositoryReference reference, CancellationToken cancellationToken = default)
    {
        var tagOrDigest = RequireReference(reference);
        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync(reference, deadline, cancellationToken, () => HeadAsync(reference, tagOrDigest, deadline.Token)).ConfigureAwait(false);
    }

    private async Task<ManifestHead?> HeadAsync(RepositoryReference reference, string tagOrDigest, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(reference, "pull", HttpMethod.Head, ManifestPath(reference, tagOrDigest), AcceptManifests, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await RegistryResponses.EnsureSuccessAsync(response, reference, "check", cancellationToken).ConfigureAwait(false);
        return new(
            RegistryResponses.Header(response, "Docker-Content-Digest"),
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentLength);
    }

    /// <summary>True when the tag (or digest) exists; see <see cref="HeadManifestAsync"/>.</summary>
    /// <param name="reference">Repository and tag or digest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it exists.</returns>
    public async Task<bool> ExistsAsync(RepositoryReference reference, CancellationToken cancellationToken = default) =>
        await HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Lists a repository's tags, following the <c>rel="next"</c> pages of its <c>Link</c> headers (RFC 8288, see
    /// <see cref="LinkHeader"/>), on the registry's own origin only.
    /// </summary>
    /// <param name="repository">The repository (its reference is ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tags in the order the registry sent them; empty when the repository does not exist.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses access or answers unexpectedly.</exception>
    public async Task<IReadOnlyList<string>> ListTagsAsync(RepositoryReference repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var endpoint = options.EndpointOf(repository.Host);
        var next = endpoint.Resolve($"v2/{repository.Path}/tags/list?n={options.TagPageSize.ToString(CultureInfo.InvariantCulture)}");
        using var deadline = Deadline(cancellationToken);
        var caller = cancellationToken;
        cancellationToken = deadline.Token;
        for (var page = 0; next is not null; page++)
        {
            // A list cut short would look like a repository with fewer tags: a Link that never ends is an error.
            if (page >= options.MaxTagPages || !seen.Add(next.AbsoluteUri))
            {
                throw new RegistryException(
                    RegistryFailure.Unexpected,
                    page >= options.MaxTagPages
                        ? $"{repository.Host} sent more than {options.MaxTagPages.ToString(CultureInfo.InvariantCulture)} pages of tags for {repository.Path} (its Link header never ends); the tag list is incomplete"
                        : $"{repository.Host} linked back to a page of tags it already sent for {repository.Path}; the tag list is incomplete");
            }

            using var response = await DeadlineAsync(repository, deadline, caller, () => transport.SendAsync(repository, "pull", HttpMethod.Get, next, null, cancellationToken)).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && page == 0)
            {
                return [];
            }

            await RegistryResponses.EnsureSuccessAsync(response, repository, "list the tags of", cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(list.EnumerateArray().Where(tag => tag.ValueKind == JsonValueKind.String).Select(tag => tag.GetString()!));
                }
            }
            catch (JsonException exception)
            {
                throw new RegistryException(RegistryFailure.Unexpected, $"{repository.Host} sent a tag list for {repository.Path} that is not JSON", response.StatusCode, exception);
            }

            next = TagListLinks.NextPage(response, next, options.EndpointOf(repository.Host).BaseUri, repository);
        }

        return tags.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Reads a manifest: its digest, kind, the blobs it references (whose sizes sum to <see cref="ManifestInfo.Size"/>)
    /// and, when derivable, when it was created (the <c>org.opencontainers.image.created</c> annotation, else an
    /// image configuration's <c>created</c>, else the newest <c>buildkit/createdat</c> of a cache's layers).
    /// </summary>
    /// <param name="reference">Repository and tag or digest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The information, or null when it does not exist.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses access or sends something unreadable.</exception>
    public async Task<ManifestInfo?> GetManifestInfoAsync(RepositoryReference reference, CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync(reference, deadline, cancellationToken, () => GetManifestInfoAsync(reference, depth: 0, deadline.Token)).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads what a tag or digest points at as an <see cref="ImageIdentity"/>: the manifest's digest and its image
    /// manifests (an index's, without attestation manifests).
    /// </summary>
    /// <param name="reference">Repository and tag or digest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identity, or null when it does not exist.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses access or sends something unreadable.</exception>
    public async Task<ImageIdentity?> GetImageIdentityAsync(RepositoryReference reference, CancellationToken cancellationToken = default)
    {
        var tagOrDigest = RequireReference(reference);
        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync<ImageIdentity?>(reference, deadline, cancellationToken, async () =>
        {
            using var response = await transport.SendAsync(reference, "pull", HttpMethod.Get, ManifestPath(reference, tagOrDigest), AcceptManifests, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await RegistryResponses.EnsureSuccessAsync(response, reference, "read", deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var digest = RegistryResponses.Header(response, "Docker-Content-Digest") ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
            try
            {
                return ImageIdentity.Parse(digest, body);
            }
            catch (JsonException exception)
            {
                throw new RegistryException(RegistryFailure.Unexpected, $"{reference} is not a JSON manifest", null, exception);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one label of an image manifest's configuration (<c>config.Labels</c>): the manifest, then its configuration
    /// blob.
    /// </summary>
    /// <param name="imageManifest">Repository and the digest of an image manifest (not an index).</param>
    /// <param name="label">The label's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The label's value, or null when the image has no such label or no configuration.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses access or sends something unreadable.</exception>
    public async Task<string?> GetImageLabelAsync(RepositoryReference imageManifest, string label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        var manifest = await GetManifestAsync(imageManifest, cancellationToken).ConfigureAwait(false);
        string? config;
        try
        {
            using var document = manifest is null ? null : JsonDocument.Parse(manifest.Body);
            config = document is not null && document.RootElement.TryGetProperty("config", out var descriptor) && descriptor.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryFailure.Unexpected, $"{imageManifest} is not a JSON manifest", null, exception);
        }

        if (config is null)
        {
            return null;
        }

        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync(imageManifest, deadline, cancellationToken, async () =>
        {
            var url = options.EndpointOf(imageManifest.Host).Resolve($"v2/{imageManifest.Path}/blobs/{Segment(config)}");
            using var response = await transport.SendAsync(imageManifest, "pull", HttpMethod.Get, url, null, deadline.Token).ConfigureAwait(false);
            await RegistryResponses.EnsureSuccessAsync(response, imageManifest.WithReference(config), "read the configuration blob of", deadline.Token).ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false));
                return document.RootElement.TryGetProperty("config", out var settings) && settings.ValueKind == JsonValueKind.Object
                    && settings.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                    && labels.TryGetProperty(label, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
            catch (JsonException exception)
            {
                throw new RegistryException(RegistryFailure.Unexpected, $"the configuration of {imageManifest} is not JSON", null, exception);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a manifest by digest (<c>DELETE /v2/&lt;name&gt;/manifests/&lt;digest&gt;</c>). Registries remove every
    /// tag that points at that digest with it.
    /// </summary>
    /// <param name="repository">The repository (its reference is ignored).</param>
    /// <param name="digest">The manifest digest, <c>sha256:…</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when deleted, false when it was already gone.</returns>
    /// <exception cref="RegistryException">
    /// <see cref="RegistryFailure.DeleteDisabled"/> on 405 (the registry does not allow deletes), or any other failure.
    /// </exception>
    public async Task<bool> DeleteManifestAsync(RepositoryReference repository, string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(digest);
        if (!IsDigest(digest))
        {
            throw new ArgumentException($"'{digest}' is not a digest (algorithm:hex); manifests are deleted by digest, not by tag", nameof(digest));
        }

        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync(repository, deadline, cancellationToken, () => DeleteAsync(repository, digest, deadline.Token)).ConfigureAwait(false);
    }

    private async Task<bool> DeleteAsync(RepositoryReference repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(repository, "delete", HttpMethod.Delete, ManifestPath(repository, digest), null, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return false;
            case HttpStatusCode.MethodNotAllowed:
                throw new RegistryException(
                    RegistryFailure.DeleteDisabled,
                    $"{repository.Host} does not allow deleting manifests (405 Method Not Allowed{await RegistryResponses.ErrorDetail(response, cancellationToken).ConfigureAwait(false)}): "
                    + "a distribution registry needs storage.delete.enabled: true; on GitLab, ghcr.io or Harbor the user needs delete rights, or use the registry's own cleanup policies",
                    response.StatusCode);
            default:
                await RegistryResponses.EnsureSuccessAsync(response, repository.WithReference(digest), "delete", cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>GETs a manifest's bytes as the registry stores them (<c>GET /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c>).</summary>
    /// <param name="reference">Repository and tag or digest.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The manifest, or null when it does not exist.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses access or answers unexpectedly.</exception>
    public async Task<RawManifest?> GetManifestAsync(RepositoryReference reference, CancellationToken cancellationToken = default)
    {
        var tagOrDigest = RequireReference(reference);
        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync(reference, deadline, cancellationToken, async () =>
        {
            using var response = await transport.SendAsync(reference, "pull", HttpMethod.Get, ManifestPath(reference, tagOrDigest), AcceptManifests, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await RegistryResponses.EnsureSuccessAsync(response, reference, "read", deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var computed = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            return new RawManifest(body, mediaType, RegistryResponses.Header(response, "Docker-Content-Digest") ?? computed);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// PUTs a manifest under a tag (<c>PUT /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c>, the media type as content type).
    /// Every blob it references must be in the repository already (a copy within one repository, as a promotion is).
    /// Unlike every other request it is not retried after a 502/503/504, a timeout or a lost connection: the write may
    /// have landed, so the caller reads the ref again before writing again (see <see cref="RegistryException.OutcomeUnknown"/>).
    /// </summary>
    /// <param name="reference">Repository and tag.</param>
    /// <param name="body">The manifest's bytes.</param>
    /// <param name="mediaType">Its media type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The digest the registry stored it under.</returns>
    /// <exception cref="RegistryException">When the registry cannot be reached, refuses the write or the manifest.</exception>
    public async Task<string> PutManifestAsync(RepositoryReference reference, byte[] body, string mediaType, CancellationToken cancellationToken = default)
    {
        var tagOrDigest = RequireReference(reference);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        var computed = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        using var deadline = Deadline(cancellationToken);
        return await DeadlineAsync(reference, deadline, cancellationToken, async () =>
        {
            // The content is made anew for each attempt: a retried request cannot reuse a sent one.
            void Content(HttpRequestMessage request)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            }

            // Sent once: after a 5xx or no answer the write may have landed, and a blind repeat could replace what another
            // writer put there since. The caller reads the ref again and decides (RegistryException.OutcomeUnknown).
            using var response = await transport.SendAsync(reference, "pull,push", HttpMethod.Put, ManifestPath(reference, tagOrDigest), Content, deadline.Token, retries: false).ConfigureAwait(false);
            await RegistryResponses.EnsureSuccessAsync(response, reference, "write", deadline.Token).ConfigureAwait(false);
            return RegistryResponses.Header(response, "Docker-Content-Digest") ?? computed;
        }).ConfigureAwait(false);
    }


    /// <inheritdoc />
    public void Dispose() => transport.Dispose();

    private CancellationTokenSource Deadline(CancellationToken cancellationToken) =>
        OperationDeadline.Start(options.OperationDeadline, cancellationToken);

    private Task<T> DeadlineAsync<T>(RepositoryReference repository, CancellationTokenSource deadline, CancellationToken caller, Func<Task<T>> operation) =>
        OperationDeadline.RunAsync(options.OperationDeadline, repository, deadline, caller, operation);

    private static void AcceptManifests(HttpRequestMessage request)
    {
        foreach (var type in MediaTypes.ManifestAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
    }

    private static string RequireReference(RepositoryReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Reference ?? throw new ArgumentException($"'{reference}' names no tag or digest", nameof(reference));
    }

    private static bool IsDigest(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1
            && text[..colon].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '.' or '_' or '-')
            && text[(colon + 1)..].All(char.IsAsciiHexDigitLower);
    }

    // Tags and digests are URL-safe as they are; anything else is escaped.
    private static string Segment(string reference) =>
        IsDigest(reference) || Docker.DockerNames.IsValidTag(reference) ? reference : Uri.EscapeDataString(reference);

    private Uri ManifestPath(RepositoryReference repository, string reference) =>
        options.EndpointOf(repository.Host).Resolve($"v2/{repository.Path}/manifests/{Segment(reference)}");

    private async Task<ManifestInfo?> GetManifestInfoAsync(RepositoryReference reference, int depth, CancellationToken cancellationToken)
    {
        var tagOrDigest = RequireReference(reference);
        byte[] body;
        string? headerDigest;
        string? contentType;
        using (var response = await transport.SendAsync(reference, "pull", HttpMethod.Get, ManifestPath(reference, tagOrDigest), AcceptManifests, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await RegistryResponses.EnsureSuccessAsync(response, reference, "read", cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            headerDigest = RegistryResponses.Header(response, "Docker-Content-Digest");
            contentType = response.Content.Headers.ContentType?.MediaType;
        }

        var digest = headerDigest ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        ManifestDocument manifest;
        try
        {
            manifest = ManifestDocument.Parse(body, contentType);
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryFailure.Unexpected, $"{reference} is not a JSON manifest", null, exception);
        }

        var (blobs, created, createdFrom) = (manifest.Blobs.ToList(), manifest.Created, manifest.CreatedFrom);
        foreach (var child in depth > 0 ? [] : manifest.Children)
        {
            // An image index: its platform manifests hold the blobs, and date it when it carries no annotation.
            var info = await GetManifestInfoAsync(reference.WithReference(child), depth + 1, cancellationToken).ConfigureAwait(false);
            if (info is null)
            {
                continue;
            }

            blobs.Add(new BlobDescriptor(info.Digest, info.ManifestSize, info.MediaType));
            blobs.AddRange(info.Blobs);
            if (createdFrom != CreatedSource.Annotation && info.Created is { } childCreated && (created is null || childCreated > created))
            {
                (created, createdFrom) = (childCreated, info.CreatedFrom);
            }
        }

        if (manifest.ConfigToRead is { } config)
        {
            created = await ConfigCreatedAsync(reference, config.Digest, cancellationToken).ConfigureAwait(false);
            createdFrom = created is null ? CreatedSource.None : CreatedSource.Config;
        }

        return new(reference, digest, manifest.MediaType, manifest.Kind, body.Length, blobs.DistinctBy(blob => blob.Digest).ToList(), created, createdFrom)
        {
            Record = depth == 0 ? RecordedManifest.Read(body) : null,
        };
    }

    private async Task<DateTimeOffset?> ConfigCreatedAsync(RepositoryReference reference, string digest, CancellationToken cancellationToken)
    {
        var url = options.EndpointOf(reference.Host).Resolve($"v2/{reference.Path}/blobs/{Segment(digest)}");
        using var response = await transport.SendAsync(reference, "pull", HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await RegistryResponses.EnsureSuccessAsync(response, reference.WithReference(digest), "read the configuration blob of", cancellationToken).ConfigureAwait(false);
        return ManifestDocument.ConfigCreated(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
    }
}
