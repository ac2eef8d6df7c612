using System.Net;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// Passes every request on to a real registry, except where <see cref="Intercept"/> answers instead (a flaky
/// registry: a 500 for one manifest) or acts first (a build pushing between the listing and the delete).
/// Records each request's method and path.
/// </summary>
internal sealed class InterceptingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public Func<HttpRequestMessage, Task<HttpResponseMessage?>>? Intercept { get; set; }

    /// <summary>Changes what the real registry answered (e.g. adds a <c>Link</c> header).</summary>
    public Action<HttpRequestMessage, HttpResponseMessage>? Rewrite { get; set; }

    public List<string> Requests { get; } = [];

    /// <summary>The <c>Authorization</c> header of each request, by absolute URL (null when none was sent).</summary>
    public List<(Uri Url, string? Authorization)> Sent { get; } = [];

    public static HttpResponseMessage Fail(HttpStatusCode status) => new(status) { Content = new StringContent("""{"errors":[{"code":"UNKNOWN","message":"injected failure"}]}""") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            Sent.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
        }

        if (Intercept is { } intercept && await intercept(request) is { } answer)
        {
            answer.RequestMessage = request;
            return answer;
        }

        var response = await base.SendAsync(request, cancellationToken);
        Rewrite?.Invoke(request, response);
        return response;
    }
}
