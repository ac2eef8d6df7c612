using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// The Bearer token flow (<c>WWW-Authenticate: Bearer realm,service,scope</c> → GET the realm with Basic credentials, or
/// anonymously without any → token), as GitLab, ghcr.io, Docker Hub and Harbor use. Tokens are kept per host, repository
/// and action until shortly before they expire. A token appears only in an <c>Authorization</c> header.
/// </summary>
internal sealed class BearerTokens
{
    private readonly ConcurrentDictionary<string, CachedToken> tokens = new(StringComparer.Ordinal);
    private readonly RegistryClientOptions options;
    private readonly RetryingSender sender;
    private readonly TimeProvider time;

    /// <summary>Initializes a new instance of the <see cref="BearerTokens"/> class.</summary>
    /// <param name="options">Where credentials come from, and the registry's endpoints.</param>
    /// <param name="sender">Sends the realm's request.</param>
    /// <param name="time">The clock for token expiry.</param>
    public BearerTokens(RegistryClientOptions options, RetryingSender sender, TimeProvider time)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.sender = sender ?? throw new ArgumentNullException(nameof(sender));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Drops the kept token of <paramref name="host"/> for <paramref name="scope"/> (the registry refused it).</summary>
    /// <param name="host">The registry host.</param>
    /// <param name="scope">The scope, <c>repository:path:action</c>.</param>
    public void Forget(string host, string scope) => tokens.TryRemove(host + " " + scope, out _);

    /// <summary>The <c>Authorization: Bearer</c> header for <paramref name="scope"/>: the kept token, else one from the realm.</summary>
    /// <param name="host">The registry host.</param>
    /// <param name="scope">Our scope, <c>repository:path:action</c>.</param>
    /// <param name="challenge">The host's Bearer challenge.</param>
    /// <param name="challengeScope">Whether the challenge answered this very request (then its own scope is asked for).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The header.</returns>
    /// <exception cref="RegistryException">The realm is not usable, refused the credentials, or sent no token.</exception>
    public async Task<AuthenticationHeaderValue> GetAsync(string host, string scope, AuthChallenge challenge, bool challengeScope, CancellationToken cancellationToken)
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
        if (realm.Scheme == Uri.UriSchemeHttp && options.EndpointOf(host).BaseUri.Scheme != Uri.UriSchemeHttp)
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
        var authorization = lookup.Credentials is { } credentials ? BasicAuthorization.Of(credentials) : null;
        using var response = await sender.SendAsync(realm.Authority, HttpMethod.Get, url, null, authorization, retries: true, cancellationToken).ConfigureAwait(false);
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
            token = RegistryResponses.Text(root, "token") is { Length: > 0 } t ? t : RegistryResponses.Text(root, "access_token");
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

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt);
}
