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

    public List<string> Requests { get; } = [];

    public static HttpResponseMessage Fail(HttpStatusCode status) => new(status) { Content = new StringContent("""{"errors":[{"code":"UNKNOWN","message":"injected failure"}]}""") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
        }

        if (Intercept is { } intercept && await intercept(request) is { } answer)
        {
            answer.RequestMessage = request;
            return answer;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
