using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Speaks to a registry as one user: answers its authentication challenge (anonymous first, then Basic, or a Bearer
/// token from <see cref="BearerTokens"/>), and once a host's challenge is known, authenticates later requests up front.
/// Sending, retries and redirects are <see cref="RetryingSender"/>'s. Credentials appear only in <c>Authorization</c>
/// headers: never in a log line or a message.
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private readonly ConcurrentDictionary<string, AuthChallenge> challenges = new(StringComparer.Ordinal);
    private readonly RetryingSender sender;
    private readonly BearerTokens tokens;

    /// <summary>Initializes a new instance of the <see cref="RegistryTransport"/> class.</summary>
    /// <param name="options">Connection and credential options.</param>
    /// <param name="handler">The HTTP handler, or null for a default one; disposed with the transport.</param>
    /// <param name="timeProvider">The clock for token expiry.</param>
    public RegistryTransport(RegistryClientOptions options, HttpMessageHandler? handler, TimeProvider timeProvider)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        sender = new RetryingSender(options, handler);
        tokens = new BearerTokens(options, sender, timeProvider);
    }

    /// <summary>Gets the options the transport was made with.</summary>
    public RegistryClientOptions Options { get; }

    /// <summary>
    /// Sends a request about <paramref name="repository"/> for <paramref name="action"/> (<c>pull</c>, <c>push</c>,
    /// <c>delete</c>), answering a 401's challenge once. A URL on another origin than the registry's gets no credentials.
    /// </summary>
    /// <param name="repository">The repository (host and path; its scope).</param>
    /// <param name="action">The scope's action.</param>
    /// <param name="method">The method.</param>
    /// <param name="url">The URL.</param>
    /// <param name="configure">Sets the request's headers or content, for each attempt anew; or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <param name="retries">Whether a failed attempt is retried (not for a write whose outcome would be unknown).</param>
    /// <returns>The answer (the caller disposes it); a 401 only when the registry gave no usable challenge.</returns>
    /// <exception cref="RegistryException">The registry is unreachable, or refused the credentials after its challenge.</exception>
    public async Task<HttpResponseMessage> SendAsync(
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
        if (!Origins.Same(url, Options.EndpointOf(host).BaseUri))
        {
            Options.Log?.Invoke($"registry: {Origins.Printable(url)} is not on {host}: sent without credentials");
            return await sender.SendAsync(host, method, url, configure, null, retries, cancellationToken).ConfigureAwait(false);
        }

        var authorization = await KnownAuthorizationAsync(host, scope, cancellationToken).ConfigureAwait(false);
        var response = await sender.SendAsync(host, method, url, configure, authorization, retries, cancellationToken).ConfigureAwait(false);
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
        tokens.Forget(host, scope);
        authorization = challenge.IsBasic
            ? BasicAuthorization.For(Options.Credentials, host, required: true)
            : await tokens.GetAsync(host, scope, challenge, challengeScope: true, cancellationToken).ConfigureAwait(false);
        response = await sender.SendAsync(host, method, url, configure, authorization, retries, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            var lookup = Options.Credentials.Find(host);
            var who = lookup.Credentials is { } credentials ? $"the credentials of '{credentials.Username}' (from {credentials.Source})" : "anonymous access";
            throw new RegistryException(
                RegistryFailure.Unauthorized,
                $"{host} refused {who} for {method.Method} {repository.WithReference(null)} ({action}){(lookup.Message is null ? string.Empty : "; " + lookup.Message)}",
                HttpStatusCode.Unauthorized);
        }

        return response;
    }

    /// <inheritdoc />
    public void Dispose() => sender.Dispose();

    private async Task<AuthenticationHeaderValue?> KnownAuthorizationAsync(string host, string scope, CancellationToken cancellationToken)
    {
        if (!challenges.TryGetValue(host, out var challenge))
        {
            return null;
        }

        return challenge.IsBasic
            ? BasicAuthorization.For(Options.Credentials, host, required: false)
            : await tokens.GetAsync(host, scope, challenge, challengeScope: false, cancellationToken).ConfigureAwait(false);
    }
}
