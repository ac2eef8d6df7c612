using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// A real OCI registry for the tests: Debian's <c>docker-registry</c> (distribution 2.8) on 127.0.0.1 and a
/// free port (chosen again if another process takes it first), htpasswd (bcrypt) auth, filesystem storage in a
/// temporary folder, and <c>storage.delete.enabled</c> as asked. <see cref="Start"/> returns once <c>/v2/</c>
/// answers 401; dispose stops the process it started (by that handle) and deletes the storage. Without the
/// registry or <c>htpasswd</c> the test is ignored, saying what to install (it fails in CI; see <see cref="ToolPath.Require"/>).
/// </summary>
internal sealed class RegistryServer : IDisposable
{
    public const string DefaultUser = "cache-bot";
    public const string DefaultPassword = "Pr0per-S3cret-pw";

    private const int Attempts = 3;

    private readonly TemporaryDirectory _directory = new();
    private readonly HttpClient _http;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private RegistryServer(string user, string password, bool tls)
    {
        User = user;
        Password = password;
        Certificate = tls ? SelfSignedCertificate.Create(_directory.Path) : null;
        _http = new HttpClient(NewHandler()) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, as images name it: a loopback host, so clients speak http.</summary>
    public string Host => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public Uri BaseUri => new($"{(Certificate is null ? "http" : "https")}://{Host}/");

    /// <summary>The registry's certificate when it serves TLS (<see cref="Start"/>'s <c>tls</c>), else null.</summary>
    public SelfSignedCertificate? Certificate { get; }

    public string User { get; }

    public string Password { get; }

    /// <summary>The <c>Authorization: Basic</c> header for <see cref="User"/> and <see cref="Password"/>.</summary>
    public AuthenticationHeaderValue Authorization =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));

    /// <summary>What the registry logged so far (its access log included).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a registry and waits until it answers <c>/v2/</c> with 401 (auth on). <paramref name="readOnly"/>: the
    /// registry's read-only maintenance mode, which serves pulls and refuses every push. <paramref name="tls"/>: HTTPS with
    /// a self-signed certificate (<see cref="Certificate"/>), which only this server's own clients trust.
    /// </summary>
    public static RegistryServer Start(bool deleteEnabled = true, string user = DefaultUser, string password = DefaultPassword, bool readOnly = false, bool tls = false)
    {
        var registry = ToolPath.Require("docker-registry", "the docker-registry package");
        var htpasswd = ToolPath.Require("htpasswd", "the apache2-utils package");
        var server = new RegistryServer(user, password, tls);
        try
        {
            server.Launch(registry, htpasswd, deleteEnabled, readOnly);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A handler for this registry: plain, or trusting exactly its self-signed certificate.</summary>
    public HttpMessageHandler NewHandler() => Certificate?.Handler() ?? new SocketsHttpHandler();

    /// <summary>A port nothing listens on (for unreachable-registry tests, and to choose the registry's).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The tags of <paramref name="repository"/> (path without host), sorted; empty when it does not exist.</summary>
    public IReadOnlyList<string> Tags(string repository)
    {
        using var response = Send(HttpMethod.Get, $"v2/{repository}/tags/list");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(tag => tag.GetString()!).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Every repository the registry holds.</summary>
    public IReadOnlyList<string> Repositories()
    {
        using var response = Send(HttpMethod.Get, "v2/_catalog");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return [.. json.RootElement.GetProperty("repositories").EnumerateArray().Select(name => name.GetString()!)];
    }

    /// <summary>The digest the registry serves for <paramref name="repository"/>:<paramref name="tag"/>, or null.</summary>
    public string? Digest(string repository, string tag)
    {
        // Every manifest kind accepted, or the registry may answer an index with one of its platform manifests.
        using var response = Send(
            HttpMethod.Head,
            $"v2/{repository}/manifests/{tag}",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
        return response.IsSuccessStatusCode && response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            ? values.First()
            : null;
    }

    /// <summary>The manifest or index <paramref name="repository"/>:<paramref name="reference"/> as served (any kind), or null.</summary>
    public string? Manifest(string repository, string reference)
    {
        using var response = Send(
            HttpMethod.Get,
            $"v2/{repository}/manifests/{reference}",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
        return response.IsSuccessStatusCode ? response.Content.ReadAsStringAsync().GetAwaiter().GetResult() : null;
    }

    /// <summary>The blob <paramref name="digest"/> of <paramref name="repository"/> as text, or null.</summary>
    public string? Blob(string repository, string digest)
    {
        using var response = Send(HttpMethod.Get, $"v2/{repository}/blobs/{digest}");
        return response.IsSuccessStatusCode ? response.Content.ReadAsStringAsync().GetAwaiter().GetResult() : null;
    }

    /// <summary>The blob <paramref name="digest"/> of <paramref name="repository"/> as bytes, or null.</summary>
    public byte[]? BlobBytes(string repository, string digest)
    {
        using var response = Send(HttpMethod.Get, $"v2/{repository}/blobs/{digest}");
        return response.IsSuccessStatusCode ? response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult() : null;
    }

    public void Dispose()
    {
        Stop();
        _http.Dispose();
        _directory.Dispose();
    }

    private static string HtpasswdLine(string htpasswd, string user, string password)
    {
        // -i: the password on stdin, not in htpasswd's argv; -B: bcrypt, the only hash distribution accepts.
        // An htpasswd without -i gets it as an argument (-b) instead.
        var result = ProcessRunner.Run(htpasswd, ["-niB", user], standardInput: password, timeout: TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            result = ProcessRunner.Run(htpasswd, ["-Bbn", user, password], timeout: TimeSpan.FromSeconds(30));
        }

        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"htpasswd failed ({result.ExitCode}): {result.StandardError}");
    }

    private void Launch(string registry, string htpasswd, bool deleteEnabled, bool readOnly)
    {
        var htpasswdFile = _directory.Write("htpasswd", HtpasswdLine(htpasswd, User, Password));

        // A port taken between choosing and binding makes the registry exit: choose again, a few times.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var config = _directory.Write("config.yml", $"""
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: false
                storage:
                  filesystem:
                    rootdirectory: {Path.Combine(_directory.Path, "data")}
                  delete:
                    enabled: {(deleteEnabled ? "true" : "false")}
                  maintenance:
                    readonly:
                      enabled: {(readOnly ? "true" : "false")}
                http:
                  addr: 127.0.0.1:{Port}{(Certificate is null ? string.Empty : $"\n  tls:\n    certificate: {Certificate.CertificateFile}\n    key: {Certificate.KeyFile}")}
                  secret: test-only-http-secret
                auth:
                  htpasswd:
                    realm: cake-buildxcache-tests
                    path: {htpasswdFile}
                """);
            var start = new ProcessStartInfo(registry)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = _directory.Path,
            };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(config);
            _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            if (WaitUntilReady(TimeSpan.FromSeconds(20)))
            {
                return;
            }

            Stop();
            if (attempt >= Attempts)
            {
                throw new InvalidOperationException($"docker-registry did not answer on /v2/ ({Attempts} attempts):\n{Log}");
            }
        }
    }

    /// <summary>True once <c>/v2/</c> answers 401; false when the registry exits or the time is up.</summary>
    private bool WaitUntilReady(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && _process is { HasExited: false })
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "v2/"));
                using var response = _http.Send(request);
                return response.StatusCode == HttpStatusCode.Unauthorized
                    ? true
                    : throw new InvalidOperationException($"docker-registry answered /v2/ with {(int)response.StatusCode}, not 401: auth is off.");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Thread.Sleep(50);
        }

        return false;
    }

    /// <summary>Stops the process this server started, and only that one.</summary>
    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private HttpResponseMessage Send(HttpMethod method, string path, params string[] accept)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
        foreach (var mediaType in accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        request.Headers.Authorization = Authorization;
        return _http.Send(request);
    }
}
