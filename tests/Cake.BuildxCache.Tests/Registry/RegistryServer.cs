using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// A real registry for one test fixture: Debian's <c>docker-registry</c> (distribution 2.8) serving on a free
/// 127.0.0.1 port, htpasswd (bcrypt) auth, filesystem storage in a temporary directory, and
/// <c>storage.delete.enabled</c> as asked. Started by <see cref="Start"/>, which waits until <c>/v2/</c>
/// answers 401; stopped (the process it started, by that handle) on dispose. Tests are ignored when the
/// registry or <c>htpasswd</c> is not installed (<c>apt-get install -y docker-registry apache2-utils</c>).
/// </summary>
internal sealed class RegistryServer : IDisposable
{
    public const string User = "cache-bot";
    public const string Password = "Pr0per-S3cret-pw";

    private readonly TemporaryDirectory directory = new();
    private Process? process;

    private RegistryServer()
    {
    }

    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>: a loopback host, so the client speaks http.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Host}/");

    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    private string LogFile => Path.Combine(directory.Path, "registry.log");

    public static RegistryServer Start(bool deleteEnabled = true)
    {
        var registry = FindTool("docker-registry");
        var htpasswd = FindTool("htpasswd");
        if (registry is null || htpasswd is null)
        {
            Assert.Ignore("docker-registry or htpasswd is not installed (apt-get install -y docker-registry apache2-utils)");
        }

        var server = new RegistryServer();
        try
        {
            server.Launch(registry!, htpasswd!, deleteEnabled);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        directory.Dispose();
    }

    private static string? FindTool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Launch(string registry, string htpasswd, bool deleteEnabled)
    {
        var passwords = ProcessRunner.Run(htpasswd, ["-Bbn", User, Password], timeout: TimeSpan.FromSeconds(30));
        if (passwords.ExitCode != 0)
        {
            throw new InvalidOperationException("htpasswd failed: " + passwords.StandardError);
        }

        var htpasswdFile = directory.Write("htpasswd", passwords.StandardOutput);

        // A port taken between choosing and binding makes the registry exit: choose again, a few times.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var config = directory.Write("config.yml", $"""
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: {Path.Combine(directory.Path, "data")}
                  delete:
                    enabled: {(deleteEnabled ? "true" : "false")}
                http:
                  addr: 127.0.0.1:{Port}
                  secret: test-only-http-secret
                auth:
                  htpasswd:
                    realm: test-registry
                    path: {htpasswdFile}
                """);
            var start = new ProcessStartInfo(registry)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.Path,
            };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(config);
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker-registry");
            var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
            var sync = new object();
            void Write(string? line)
            {
                if (line is not null)
                {
                    lock (sync)
                    {
                        log.WriteLine(line);
                    }
                }
            }

            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (WaitUntilReady(TimeSpan.FromSeconds(20)))
            {
                return;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(5000);
            process.Dispose();
            process = null;
            if (attempt >= 3)
            {
                throw new InvalidOperationException("docker-registry did not answer on /v2/:\n" + Log);
            }
        }
    }

    private bool WaitUntilReady(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && process is { HasExited: false })
        {
            try
            {
                using var response = http.GetAsync(new Uri(BaseUri, "v2/")).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return true;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        return false;
    }
}
