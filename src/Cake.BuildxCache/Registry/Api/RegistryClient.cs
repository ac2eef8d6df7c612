using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// A client of the registry HTTP API v2 (the OCI distribution API) for what the cache needs: does a tag
/// exist, list tags, a manifest's digest, size and creation time, delete by digest.
/// <para>
/// Authentication answers the registry's challenge: anonymous first, then Basic, or the Bearer token flow
/// (<c>WWW-Authenticate: Bearer realm,service,scope</c> → GET the realm with Basic credentials, or anonymously
/// without any → token) as GitLab, ghcr.io, Docker Hub and Harbor use. Tokens are cached per repository and
/// action within one client, until shortly before they expire; once a host's challenge is known, later requests
/// authenticate up front. Every exchange is bounded by <see cref="RegistryClientOptions.RequestTimeout"/>, and
/// retried <see cref="RegistryClientOptions.MaxRetries"/> times on a connection failure, a timeout or a
/// 502/503/504, except a manifest PUT (see <see cref="PutManifestAsync"/>). Credentials and tokens appear only in <c>Authorization</c> headers: never in a log line or a message.
/// </para>
/// </summary>
internal sealed class RegistryClient : IDisposable
{

    private readonly HttpClient http;
    private readonly HttpClient? unverifiedHttp;
    private readonly HashSet<string> unverifiedOrigins;
    private readonly RegistryClientOptions options;
    private readonly ConcurrentDictionary<string, AuthChallenge> challenges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedToken> tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Connection and credential options; defaults when null.</param>
    /// <param name="handler">The HTTP handler (a test double, or a configured <see cref="SocketsHttpHandler"/>); a default one when null. Disposed with the client.</param>
    /// <param name="timeProvider">The clock for token expiry; the system clock when null.</param>
    public RegistryClient(RegistryClientOptions? options = null, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        this.options = options ?? new RegistryClientOptions();
        time = timeProvider ?? TimeProvider.System;
        // Redirects are followed here, not by the handler: the Authorization header must not follow one to another origin.
        http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = this.options.RequestTimeout, AllowAutoRedirect = false }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 16 * 1024 * 1024,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(this.options.UserAgent.Replace(' ', '-'));

        // Certificate checks are off only for the origins asked for, on a client of their own, so that no other host
        // (a redirect's storage host, a token realm elsewhere) is ever spoken to unchecked.
        unverifiedOrigins = [.. this.options.UnverifiedTlsHosts.Select(host => Origin(EndpointOf(host).BaseUri))];
        if (handler is null && unverifiedOrigins.Count > 0)
        {
            var uncheckedHandler = new SocketsHttpHandler { ConnectTimeout = this.options.RequestTimeout, AllowAutoRedirect = false };
            uncheckedHandler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            unverifiedHttp = new HttpClient(uncheckedHandler, disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = http.MaxResponseContentBufferSize,
            };
            unverifiedHttp.DefaultRequestHeaders.UserAgent.ParseAdd(this.options.UserAgent.Replace(' ', '-'));
        }
    }

    /// <summary>The endpoint of <paramref name="host"/> under this client's insecure-host rules.</summary>
    /// <param name="host">A registry host.</param>
    /// <returns>The endpoint.</returns>
    public RegistryEndpoint EndpointOf(string host) =>
        RegistryEndpoint.For(host, Names(options.InsecureHosts, host), Names(options.UnverifiedTlsHosts, host));

    private static bool Names(IEnumerable<string> hosts, string host) =>
        hosts.Any(item => RegistryEndpoint.NormalizeHost(item) == RegistryEndpoint.NormalizeHost(host));

    private static string Origin(Uri url) => url.Scheme + "://" + url.IdnHost.ToLowerInvariant() + ":" + url.Port.ToString(CultureInfo.InvariantCulture);

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
        using var response = await SendAsync(reference, "pull", HttpMethod.Head, ManifestPath(reference, tagOrDigest), AcceptManifests, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, reference, "check", cancellationToken).ConfigureAwait(false);
        return new(
            Header(response, "Docker-Content-Digest"),
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
        var endpoint = EndpointOf(repository.Host);
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

            using var response = await DeadlineAsync(repository, deadline, caller, () => SendAsync(repository, "pull", HttpMethod.Get, next, null, cancellationToken)).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && page == 0)
            {
                return [];
            }

            await EnsureSuccessAsync(response, repository, "list the tags of", cancellationToken).ConfigureAwait(false);
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

            next = NextPage(response, next, repository);
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
            using var response = await SendAsync(reference, "pull", HttpMethod.Get, ManifestPath(reference, tagOrDigest), AcceptManifests, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, reference, "read", deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var digest = Header(response, "Docker-Content-Digest") ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
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
        using var response = await SendAsync(repository, "delete", HttpMethod.Delete, ManifestPath(repository, digest), null, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return false;
            case HttpStatusCode.MethodNotAllowed:
                throw new RegistryException(
                    RegistryFailure.DeleteDisabled,
                    $"{repository.Host} does not allow deleting manifests (405 Method Not Allowed{await ErrorDetail(response, cancellationToken).ConfigureAwait(false)}): "
                    + "a distribution registry needs storage.delete.enabled: true; on GitLab, ghcr.io or Harbor the user needs delete rights, or use the registry's own cleanup policies",
                    response.StatusCode);
            default:
                await EnsureSuccessAsync(response, repository.WithReference(digest), "delete", cancellationToken).ConfigureAwait(false);
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
            using var response = await SendAsync(reference, "pull", HttpMethod.Get, ManifestPath(reference, tagOrDigest), AcceptManifests, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, reference, "read", deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var computed = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            return new RawManifest(body, mediaType, Header(response, "Docker-Content-Digest") ?? computed);
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
            using var response = await SendAsync(reference, "pull,push", HttpMethod.Put, ManifestPath(reference, tagOrDigest), Content, deadline.Token, retries: false).ConfigureAwait(false);
            await EnsureSuccessAsync(response, reference, "write", deadline.Token).ConfigureAwait(false);
            return Header(response, "Docker-Content-Digest") ?? computed;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        unverifiedHttp?.Dispose();
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.OperationDeadline);
        return deadline;
    }

    // Retries and pages are each bounded, but not their sum: every operation also has an overall deadline.
    private async Task<T> DeadlineAsync<T>(RepositoryReference repository, CancellationTokenSource deadline, CancellationToken caller, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new RegistryException(RegistryFailure.Unreachable, $"{repository.Host} did not finish with {repository.WithReference(null)} within {options.OperationDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (the overall deadline of one registry operation)", null, exception);
        }
    }

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

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // The next page of a tag list, or null on the last page. A listing that cannot be shown complete is an error, never a
    // shorter list: a Link off RFC 8288's grammar, several different next pages, or a next page on another origin (whose
    // answer the registry does not vouch for, and which gets no credentials).
    private Uri? NextPage(HttpResponseMessage response, Uri current, RepositoryReference repository)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var next = new List<Uri>();
        foreach (var value in values)
        {
            IReadOnlyList<WebLink> links;
            try
            {
                links = LinkHeader.Parse(value);
            }
            catch (FormatException exception)
            {
                throw Incomplete($"sent a Link header that cannot be read ({exception.Message})");
            }

            foreach (var link in links.Where(link => link.Has("next")))
            {
                if (!Uri.TryCreate(current, link.Target, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
                {
                    throw Incomplete($"linked to a next page '{link.Target}' that is not an http(s) URL");
                }

                next.Add(target);
            }
        }

        var distinct = next.DistinctBy(uri => uri.AbsoluteUri).ToList();
        if (distinct.Count > 1)
        {
            throw Incomplete($"linked to {distinct.Count.ToString(CultureInfo.InvariantCulture)} different next pages ({string.Join(", ", distinct.Select(Printable))})");
        }

        if (distinct.Count == 1 && !SameOrigin(distinct[0], EndpointOf(repository.Host).BaseUri))
        {
            throw Incomplete($"linked to a next page on another origin ({distinct[0].Scheme}://{distinct[0].Authority})");
        }

        return distinct.Count == 0 ? null : distinct[0];

        RegistryException Incomplete(string what) =>
            new(RegistryFailure.Unexpected, $"{repository.Host} {what} while listing the tags of {repository.Path}; the tag list cannot be shown to be complete", response.StatusCode);
    }

    private static async Task<string> ErrorDetail(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Select(error => $"{Text(error, "code")}: {Text(error, "message")}".Trim(' ', ':'))
                    .Where(part => part.Length > 0)
                    .Take(3)
                    .ToList();
                return parts.Count > 0 ? "; " + string.Join("; ", parts) : string.Empty;
            }
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
        {
            // No structured error body: the status says enough.
        }

        return string.Empty;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Uri ManifestPath(RepositoryReference repository, string reference) =>
        EndpointOf(repository.Host).Resolve($"v2/{repository.Path}/manifests/{Segment(reference)}");

    private async Task<ManifestInfo?> GetManifestInfoAsync(RepositoryReference reference, int depth, CancellationToken cancellationToken)
    {
        var tagOrDigest = RequireReference(reference);
        byte[] body;
        string? headerDigest;
        string? contentType;
        using (var response = await SendAsync(reference, "pull", HttpMethod.Get, ManifestPath(reference, tagOrDigest), AcceptManifests, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, reference, "read", cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            headerDigest = Header(response, "Docker-Content-Digest");
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
        var url = EndpointOf(reference.Host).Resolve($"v2/{reference.Path}/blobs/{Segment(digest)}");
        using var response = await SendAsync(reference, "pull", HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, reference.WithReference(digest), "read the configuration blob of", cancellationToken).ConfigureAwait(false);
        return ManifestDocument.ConfigCreated(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, RepositoryReference reference, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ErrorDetail(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode + " " + response.ReasonPhrase;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new RegistryException(RegistryFailure.Unauthorized, $"{reference.Host} refused to {what} {reference} ({status}{detail})", response.StatusCode),
            HttpStatusCode.Forbidden => new RegistryException(RegistryFailure.Denied, $"{reference.Host} denied access to {what} {reference} ({status}{detail})", response.StatusCode),
            _ => new RegistryException(RegistryFailure.Unexpected, $"{reference.Host} could not {what} {reference} ({status}{detail})", response.StatusCode),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(
        RepositoryReference repository,
        string action,
        HttpMethod method,
        Uri url,
        Action<HttpRequestMessage>? configure,
        CancellationToken cancellationToken,
        bool retries = true)
    {
        var host = RegistryEndpoint.NormalizeHost(repository.Host);
        var scope = $"repository:{repository.Path}:{action}";

        // A Link (or any URL the registry hands out) may name another origin: it gets no credentials.
        if (!SameOrigin(url, EndpointOf(host).BaseUri))
        {
            options.Log?.Invoke($"registry: {Printable(url)} is not on {host}: sent without credentials");
            return await SendWithRetriesAsync(host, method, url, configure, null, retries, cancellationToken).ConfigureAwait(false);
        }

        var authorization = await KnownAuthorizationAsync(host, scope, cancellationToken).ConfigureAwait(false);
        var response = await SendWithRetriesAsync(host, method, url, configure, authorization, retries, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);
        if (challenge is null || (challenge.IsBearer && string.IsNullOrEmpty(challenge.Realm)))
        {
            return response;
        }

        response.Dispose();
        challenges[host] = challenge;
        tokens.TryRemove(host + " " + scope, out _);
        authorization = challenge.IsBasic
            ? BasicAuthorization(host, required: true)
            : await FetchTokenAsync(host, scope, challenge, challengeScope: true, cancellationToken).ConfigureAwait(false);
        response = await SendWithRetriesAsync(host, method, url, configure, authorization, retries, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            var lookup = options.Credentials.Find(host);
            var who = lookup.Credentials is { } credentials ? $"the credentials of '{credentials.Username}' (from {credentials.Source})" : "anonymous access";
            throw new RegistryException(
                RegistryFailure.Unauthorized,
                $"{host} refused {who} for {method.Method} {repository.WithReference(null)} ({action}){(lookup.Message is null ? string.Empty : "; " + lookup.Message)}",
                HttpStatusCode.Unauthorized);
        }

        return response;
    }

    private async Task<AuthenticationHeaderValue?> KnownAuthorizationAsync(string host, string scope, CancellationToken cancellationToken)
    {
        if (!challenges.TryGetValue(host, out var challenge))
        {
            return null;
        }

        return challenge.IsBasic ? BasicAuthorization(host, required: false) : await FetchTokenAsync(host, scope, challenge, challengeScope: false, cancellationToken).ConfigureAwait(false);
    }

    private AuthenticationHeaderValue? BasicAuthorization(string host, bool required)
    {
        var lookup = options.Credentials.Find(host);
        if (lookup.Credentials is { } credentials)
        {
            var pair = Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password.Reveal());
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        if (required)
        {
            throw new RegistryException(
                RegistryFailure.Unauthorized,
                $"{host} requires a login and no credentials were found for it: {lookup.Message ?? "pass registry-user and registry-password, or run docker login " + host}",
                HttpStatusCode.Unauthorized);
        }

        return null;
    }

    private async Task<AuthenticationHeaderValue> FetchTokenAsync(string host, string scope, AuthChallenge challenge, bool challengeScope, CancellationToken cancellationToken)
    {
        var key = host + " " + scope;
        if (tokens.TryGetValue(key, out var cached) && cached.ExpiresAt > time.GetUtcNow())
        {
            return new AuthenticationHeaderValue("Bearer", cached.Token);
        }

        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            throw new RegistryException(RegistryFailure.Unexpected, $"{host} named a token realm that is not an http(s) URL");
        }

        // Basic credentials go to a plain-http realm only when the registry itself is spoken to over http.
        if (realm.Scheme == Uri.UriSchemeHttp && EndpointOf(host).BaseUri.Scheme != Uri.UriSchemeHttp)
        {
            throw new RegistryException(RegistryFailure.Unexpected, $"{host} named a plain-http token realm ({realm.Host}); credentials are not sent over http");
        }

        var query = new StringBuilder(realm.Query.Length > 1 ? realm.Query[1..] : string.Empty);
        void Add(string name, string value) => query.Append(query.Length > 0 ? "&" : string.Empty).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        if (!string.IsNullOrEmpty(challenge.Service))
        {
            Add("service", challenge.Service);
        }

        // The scope the registry named in its challenge to this very request, else ours (the challenge may be
        // an earlier request's, for another repository or action).
        var scopes = challengeScope && challenge.Scope is { Length: > 0 } named
            ? named.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [scope];
        foreach (var item in scopes)
        {
            Add("scope", item);
        }

        var lookup = options.Credentials.Find(host);
        var url = new UriBuilder(realm) { Query = query.ToString() }.Uri;
        var authorization = lookup.Credentials is { } credentials
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password.Reveal())))
            : null;
        using var response = await SendWithRetriesAsync(realm.Authority, HttpMethod.Get, url, null, authorization, retries: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var who = lookup.Credentials is { } user ? $"the credentials of '{user.Username}' (from {user.Source})" : "anonymous access";
            throw new RegistryException(
                RegistryFailure.Unauthorized,
                $"the token service of {host} ({realm.Host}) refused {who} for {scope} ({(int)response.StatusCode} {response.ReasonPhrase}){(lookup.Message is null ? string.Empty : "; " + lookup.Message)}",
                response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(RegistryFailure.Unexpected, $"the token service of {host} ({realm.Host}) answered {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode);
        }

        string? token;
        TimeSpan lifetime;
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            token = Text(root, "token") is { Length: > 0 } t ? t : Text(root, "access_token");
            lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(60);
        }
        catch (JsonException exception)
        {
            // The body is not quoted: it might be a token.
            throw new RegistryException(RegistryFailure.Unexpected, $"the token service of {host} ({realm.Host}) sent an answer that is not JSON", response.StatusCode, exception);
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new RegistryException(RegistryFailure.Unexpected, $"the token service of {host} ({realm.Host}) sent no token", response.StatusCode);
        }

        // Renew a little early: a token that expires in flight costs a failed request.
        var margin = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 10, TimeSpan.FromSeconds(30).Ticks));
        tokens[key] = new CachedToken(token, time.GetUtcNow() + lifetime - margin);
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    // Follows up to five redirects; credentials go only to the origin they were issued for (blob downloads are
    // commonly redirected to a storage host, which must not see a registry token or password).
    private async Task<HttpResponseMessage> SendWithRetriesAsync(
        string host,
        HttpMethod method,
        Uri url,
        Action<HttpRequestMessage>? configure,
        AuthenticationHeaderValue? authorization,
        bool retries,
        CancellationToken cancellationToken)
    {
        var origin = url;
        for (var hop = 0; ; hop++)
        {
            var response = await SendOnceWithRetriesAsync(host, method, url, configure, SameOrigin(url, origin) ? authorization : null, retries, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || hop >= 5)
            {
                return response;
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
            {
                throw new RegistryException(RegistryFailure.Unexpected, $"{host} redirected to a URL that is not http(s)");
            }

            options.Log?.Invoke($"registry: {method.Method} {Printable(url)} redirected to {Printable(next)}{(SameOrigin(next, origin) ? string.Empty : " (another origin: no credentials)")}");
            method = status == 303 && method != HttpMethod.Head ? HttpMethod.Get : method;
            url = next;
        }
    }

    private async Task<HttpResponseMessage> SendOnceWithRetriesAsync(
        string host,
        HttpMethod method,
        Uri url,
        Action<HttpRequestMessage>? configure,
        AuthenticationHeaderValue? authorization,
        bool retries,
        CancellationToken cancellationToken)
    {
        var attempts = retries ? Math.Max(0, options.MaxRetries) + 1 : 1;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = authorization;
            configure?.Invoke(request);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            string failure;
            Exception? cause;
            try
            {
                var client = unverifiedHttp is not null && url.Scheme == Uri.UriSchemeHttps && unverifiedOrigins.Contains(Origin(url)) ? unverifiedHttp : http;
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                options.Log?.Invoke($"registry: {method.Method} {Printable(url)} -> {(int)response.StatusCode}");
                if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout) || attempt >= attempts)
                {
                    return response;
                }

                failure = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                cause = null;
                response.Dispose();
            }
            catch (HttpRequestException exception)
            {
                failure = exception.Message;
                cause = exception;
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
                cause = exception;
            }

            options.Log?.Invoke($"registry: {method.Method} {Printable(url)} failed (attempt {attempt} of {attempts}): {failure}");
            if (attempt >= attempts)
            {
                throw new RegistryException(RegistryFailure.Unreachable, $"could not reach {host} ({url.Scheme}://{url.Authority}) after {attempts} attempt{(attempts == 1 ? string.Empty : "s")}: {failure}", null, cause);
            }

            await Task.Delay(options.RetryDelay * (1 << (attempt - 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    // URLs carry no secrets (credentials never go in the query), but a realm could: print path only for realms.
    private static string Printable(Uri url) => url.GetLeftPart(UriPartial.Path) + (url.AbsolutePath.Contains("/v2/", StringComparison.Ordinal) ? url.Query : string.Empty);

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt);
}
