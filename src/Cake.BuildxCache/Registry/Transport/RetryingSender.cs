using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Sends one request: each attempt bounded by <see cref="RegistryClientOptions.RequestTimeout"/>, retried
/// <see cref="RegistryClientOptions.MaxRetries"/> times (with a doubling delay) on a connection failure, a timeout or a
/// 502/503/504 unless told not to, and up to five redirects followed, the <c>Authorization</c> header only to the origin
/// it was issued for.
/// </summary>
internal sealed class RetryingSender : IDisposable
{
    private readonly HttpClient http;
    private readonly HttpClient? unverifiedHttp;
    private readonly HashSet<string> unverifiedOrigins;
    private readonly RegistryClientOptions options;

    /// <summary>Initializes a new instance of the <see cref="RetryingSender"/> class.</summary>
    /// <param name="options">Connection options.</param>
    /// <param name="handler">The HTTP handler (a test double, or a configured <see cref="SocketsHttpHandler"/>); a default one when null. Disposed with the sender.</param>
    public RetryingSender(RegistryClientOptions options, HttpMessageHandler? handler)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));

        // Redirects are followed here, not by the handler: the Authorization header must not follow one to another origin.
        http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout, AllowAutoRedirect = false }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 16 * 1024 * 1024,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent.Replace(' ', '-'));

        // Certificate checks are off only for the origins asked for, on a client of their own, so that no other host
        // (a redirect's storage host, a token realm elsewhere) is ever spoken to unchecked.
        unverifiedOrigins = [.. options.UnverifiedTlsHosts.Select(host => Origins.Of(options.EndpointOf(host).BaseUri))];
        if (handler is null && unverifiedOrigins.Count > 0)
        {
            var uncheckedHandler = new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout, AllowAutoRedirect = false };
            uncheckedHandler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            unverifiedHttp = new HttpClient(uncheckedHandler, disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = http.MaxResponseContentBufferSize,
            };
            unverifiedHttp.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent.Replace(' ', '-'));
        }
    }

    /// <summary>
    /// Sends the request, following up to five redirects; credentials go only to the origin they were issued for (blob
    /// downloads are commonly redirected to a storage host, which must not see a registry token or password).
    /// </summary>
    /// <param name="host">The registry host, for messages.</param>
    /// <param name="method">The method.</param>
    /// <param name="url">The URL.</param>
    /// <param name="configure">Sets the request's headers or content, for each attempt anew; or null.</param>
    /// <param name="authorization">The <c>Authorization</c> header for <paramref name="url"/>'s origin, or null.</param>
    /// <param name="retries">Whether a failed attempt is retried.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer (the caller disposes it).</returns>
    /// <exception cref="RegistryException">No answer after the last attempt, or a redirect to a URL that is not http(s).</exception>
    public async Task<HttpResponseMessage> SendAsync(
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
            var response = await SendWithRetriesAsync(host, method, url, configure, Origins.Same(url, origin) ? authorization : null, retries, cancellationToken).ConfigureAwait(false);
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

            options.Log?.Invoke($"registry: {method.Method} {Origins.Printable(url)} redirected to {Origins.Printable(next)}{(Origins.Same(next, origin) ? string.Empty : " (another origin: no credentials)")}");
            method = status == 303 && method != HttpMethod.Head ? HttpMethod.Get : method;
            url = next;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        unverifiedHttp?.Dispose();
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(
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
                var client = unverifiedHttp is not null && url.Scheme == Uri.UriSchemeHttps && unverifiedOrigins.Contains(Origins.Of(url)) ? unverifiedHttp : http;
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                options.Log?.Invoke($"registry: {method.Method} {Origins.Printable(url)} -> {(int)response.StatusCode}");
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

            options.Log?.Invoke($"registry: {method.Method} {Origins.Printable(url)} failed (attempt {attempt} of {attempts}): {failure}");
            if (attempt >= attempts)
            {
                throw new RegistryException(RegistryFailure.Unreachable, $"could not reach {host} ({url.Scheme}://{url.Authority}) after {attempts} attempt{(attempts == 1 ? string.Empty : "s")}: {failure}", null, cause);
            }

            await Task.Delay(options.RetryDelay * (1 << (attempt - 1)), cancellationToken).ConfigureAwait(false);
        }
    }
}
