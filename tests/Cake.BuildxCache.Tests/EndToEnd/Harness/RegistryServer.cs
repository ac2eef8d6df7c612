using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A real OCI registry (Debian's <c>docker-registry</c>, distribution 2.8) on 127.0.0.1 and a free port,
/// with htpasswd (bcrypt) auth and deletes enabled, its storage in a temporary folder. Ready once
/// <c>/v2/</c> answers 401. Stopped (and its storage deleted) on dispose.
/// </summary>
internal sealed class RegistryServer : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StringBuilder _log = new();

    private RegistryServer(string user, string password)
    {
        User = user;
        Password = password;
        Port = FreePort();

        var htpasswd = RunHtpasswd(user, password);
        File.WriteAllText(Path.Combine(_directory.Path, "htpasswd"), htpasswd);
        var config = $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_directory.Path, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{Port}
              secret: e2e-only-secret
            auth:
              htpasswd:
                realm: cake-buildxcache-e2e
                path: {Path.Combine(_directory.Path, "htpasswd")}
            """;
        var configFile = _directory.Write("config.yml", config);

        var start = new ProcessStartInfo(Tools.Require("docker-registry", "the docker-registry package"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory.Path,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(configFile);
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        _http = new HttpClient { BaseAddress = new Uri($"http://{Host}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>host:port, as images name it.</summary>
    public string Host => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public int Port { get; }

    public string User { get; }

    public string Password { get; }

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

    /// <summary>Starts a registry and waits until it answers <c>/v2/</c> with 401 (auth on).</summary>
    public static RegistryServer Start(string user, string password)
    {
        var server = new RegistryServer(user, password);
        try
        {
            server.WaitUntilReady(TimeSpan.FromSeconds(20));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A port nothing listens on (for unreachable-registry tests).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The tags of <paramref name="repository"/> (path without host), empty when it does not exist.</summary>
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

    public void Dispose()
    {
        _http.Dispose();
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
        _directory.Dispose();
    }

    private static string RunHtpasswd(string user, string password)
    {
        // -i: the password on stdin, not in htpasswd's argv. -B: bcrypt, the only hash distribution accepts.
        var start = new ProcessStartInfo(Tools.Require("htpasswd", "the apache2-utils package"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-niB", user })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("htpasswd did not start");
        process.StandardInput.Write(password);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"htpasswd failed ({process.ExitCode}): {error}");
        }

        return output;
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
        using var request = new HttpRequestMessage(method, path);
        foreach (var mediaType in accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        return _http.Send(request);
    }

    private void WaitUntilReady(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited ({_process.ExitCode}) before it was ready:\n{Log}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "v2/");
                using var response = _http.Send(request);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }

                throw new InvalidOperationException($"docker-registry answered /v2/ with {(int)response.StatusCode}, not 401: auth is off.");
            }
            catch (HttpRequestException) when (clock.Elapsed < limit)
            {
                Thread.Sleep(50);
            }
        }
    }
}
