using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// A slow or faulty registry for the race tests: an HTTP proxy of the tests' own on 127.0.0.1 in front of a real
/// <see cref="RegistryServer"/>. A real registry answers at once and never fails on cue; this one lets a test hold a
/// request (a slow listing, a PUT that outlasts a pause), answer it with a status of its own (a 503 after the write
/// reached the registry), or change a response's headers. Every request passes through a real socket, so any
/// client (the module's registry client, a <c>./build.sh</c> process, the docker CLI) can be pointed at
/// <see cref="Host"/>. The registry builds its absolute URLs (upload locations) from the proxy's Host header, so
/// they lead back through the proxy.
/// </summary>
internal sealed class RegistryProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Proxy-Connection", "Upgrade", "Host", "Content-Length",
    };

    private readonly HttpListener _listener;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _requests = [];

    private RegistryProxy(HttpListener listener, int port, Uri target)
    {
        _listener = listener;
        Port = port;
        _target = target;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Gets the proxy's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets <c>127.0.0.1:&lt;port&gt;</c>: where clients send what is meant for the registry behind.</summary>
    public string Host => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Gets or sets what runs before a request is passed on: it may wait (a slow registry) and may return a status
    /// to answer with instead of passing the request on (null passes it on).
    /// </summary>
    public Func<ProxiedRequest, Task<HttpStatusCode?>>? Before { get; set; }

    /// <summary>
    /// Gets or sets what runs after the registry answered and before the client sees it: it may wait, change the
    /// response's headers, or return a status that replaces the registry's (the write happened, the client is told it
    /// failed).
    /// </summary>
    public Func<ProxiedRequest, HttpResponseMessage, Task<HttpStatusCode?>>? After { get; set; }

    /// <summary>Gets each request's method and path with query, in the order they arrived.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a proxy in front of <paramref name="registry"/> on a free port.</summary>
    /// <param name="registry">The plain-HTTP registry behind it.</param>
    /// <returns>The running proxy.</returns>
    public static RegistryProxy Start(RegistryServer registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            try
            {
                listener.Start();
                return new RegistryProxy(listener, port, registry.BaseUri);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Stops listening; requests in flight are abandoned.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener's closing; how it ends does not matter here.
        }

        _upstream.Dispose();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var proxied = new ProxiedRequest(request.HttpMethod, request.Url!.PathAndQuery);
        lock (_requests)
        {
            _requests.Add($"{proxied.Method} {proxied.PathAndQuery}");
        }

        try
        {
            if (Before is { } before && await before(proxied).ConfigureAwait(false) is { } early)
            {
                await AnswerAsync(context.Response, early).ConfigureAwait(false);
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, proxied.PathAndQuery));
            if (request.HasEntityBody)
            {
                using var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body, _stop.Token).ConfigureAwait(false);
                forward.Content = new ByteArrayContent(body.ToArray());
            }

            foreach (var name in request.Headers.AllKeys.OfType<string>().Where(name => !HopByHop.Contains(name)))
            {
                var values = request.Headers.GetValues(name) ?? [];
                if (!forward.Headers.TryAddWithoutValidation(name, values))
                {
                    forward.Content ??= new ByteArrayContent([]);
                    forward.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }

            forward.Headers.Host = Host;
            using var response = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseContentRead, _stop.Token).ConfigureAwait(false);
            if (After is { } after && await after(proxied, response).ConfigureAwait(false) is { } replaced)
            {
                await AnswerAsync(context.Response, replaced).ConfigureAwait(false);
                return;
            }

            var outgoing = context.Response;
            outgoing.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers).Where(header => !HopByHop.Contains(header.Key)))
            {
                foreach (var value in header.Value)
                {
                    outgoing.AppendHeader(header.Key, value);
                }
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false);
            if (request.HttpMethod != "HEAD")
            {
                outgoing.ContentLength64 = bytes.Length;
                await outgoing.OutputStream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
            }
            else if (response.Content.Headers.ContentLength is { } length)
            {
                outgoing.ContentLength64 = length;
            }

            outgoing.Close();
        }
        catch (Exception exception) when (exception is HttpRequestException or HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }

    private static Task AnswerAsync(HttpListenerResponse response, HttpStatusCode status)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        var body = """{"errors":[{"code":"UNAVAILABLE","message":"answered by the test's registry proxy"}]}"""u8.ToArray();
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
        return Task.CompletedTask;
    }
}
