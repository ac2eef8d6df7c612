using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Whether the real stack can run here: the docker CLI, a real <c>docker-buildx</c> CLI plugin, a reachable
/// Docker engine, and a static busybox for the base image the tests push to their own registry. Checked once;
/// <see cref="Missing"/> says exactly what is absent. On a machine with the rig (<c>../shared/rig</c>) and
/// <c>CI=true</c>, a real-stack test that cannot run fails instead of skipping: there nothing may be skipped silently.
/// </summary>
internal static class RealStack
{
    /// <summary>Where Debian's busybox-static puts its binary; the base image's only file.</summary>
    public const string StaticBusybox = "/bin/busybox";

    private static readonly Lazy<Probe> Probed = new(Detect);

    /// <summary>The real plugin's path, or null.</summary>
    public static string? PluginPath => Probed.Value.Plugin;

    /// <summary>Null when the real-stack tests can run, else what is missing.</summary>
    public static string? Missing => Probed.Value.Missing;

    /// <summary>The buildx version line (<c>github.com/docker/buildx v0.36.1 …</c>), or empty.</summary>
    public static string BuildxVersion => Probed.Value.Version;

    /// <summary>The rig beside the repository (<c>../shared/rig/setup.sh</c>) exists.</summary>
    public static bool RigPresent => File.Exists(Path.Combine(RepositoryRoot.Path, "..", "shared", "rig", "setup.sh"));

    /// <summary>Where the rig's docker-in-docker style TLS endpoint keeps its client certificates.</summary>
    public static string TlsCertPath =>
        Path.Combine(Environment.GetEnvironmentVariable("RIG_HOME") is { Length: > 0 } home ? home : "/var/lib/buildx-rig", "certs", "client");

    /// <summary>
    /// Stops the test when the real stack cannot run: ignored with one line saying what is missing, or failed
    /// under <c>CI=true</c> with the rig present (CI's setup brings the stack up, so a gap there is a broken setup).
    /// </summary>
    public static void Require()
    {
        if (Missing is { } missing)
        {
            Stop("Real-stack test: " + missing);
        }
    }

    /// <summary>
    /// <see cref="Require"/>, plus the rig's TLS endpoint (<c>tcp://127.0.0.1:2376</c>, as GitLab's dind
    /// service), which <c>../shared/rig/setup.sh --tls</c> starts.
    /// </summary>
    public static void RequireTlsEndpoint()
    {
        Require();
        if (!File.Exists(Path.Combine(TlsCertPath, "key.pem")))
        {
            Stop($"Real-stack TLS test: no client certificates in {TlsCertPath} (start the rig with `../shared/rig/setup.sh --tls`).");
        }

        var docker = ToolPath.Find("docker")!;
        var (code, output) = Run(
            docker,
            new Dictionary<string, string>
            {
                ["DOCKER_HOST"] = "tcp://127.0.0.1:2376",
                ["DOCKER_TLS_VERIFY"] = "1",
                ["DOCKER_CERT_PATH"] = TlsCertPath,
            },
            "version",
            "--format",
            "{{.Server.Version}}");
        if (code != 0)
        {
            Stop($"Real-stack TLS test: the engine does not answer on tcp://127.0.0.1:2376 with TLS ({LastLine(output)}); start the rig with `--tls`.");
        }
    }

    /// <summary>
    /// This machine's name when it resolves to loopback (Debian's <c>/etc/hosts</c> has it): a registry on 127.0.0.1
    /// reached by a name neither BuildKit (containerd's <c>MatchLocalhost</c>: localhost, 127.0.0.1, ::1) nor the
    /// registry client treats as loopback, so both speak HTTPS to it unless told otherwise. Stops the test when there is none.
    /// </summary>
    public static string RequireLoopbackName()
    {
        var name = System.Net.Dns.GetHostName().ToLowerInvariant();
        var loopback = false;
        try
        {
            loopback = System.Net.Dns.GetHostAddresses(name).Any(System.Net.IPAddress.IsLoopback);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Not resolvable: no such name here.
        }

        if (!loopback || name == "localhost" || System.Net.IPAddress.TryParse(name, out _))
        {
            Stop($"Real-stack test: this machine's name '{name}' does not resolve to loopback (add it to /etc/hosts as 127.0.0.1).");
        }

        return name;
    }

    private static void Stop(string message)
    {
        if (RigPresent && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " CI=true and ../shared/rig is present, so this is a failure: .ci/setup should have started the stack.");
        }

        Assert.Ignore(message);
    }

    private static Probe Detect()
    {
        var docker = ToolPath.Find("docker");
        if (docker is null)
        {
            return new Probe(null, string.Empty, "missing the docker CLI (not on PATH; Debian's docker.io package).");
        }

        var problems = new List<string>();
        var config = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } given
            ? given
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        string[] folders =
        [
            Path.Combine(config, "cli-plugins"), "/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins",
            "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins",
        ];
        var plugin = folders.Select(folder => Path.Combine(folder, "docker-buildx")).FirstOrDefault(File.Exists);
        var version = string.Empty;
        if (plugin is null)
        {
            problems.Add("missing the docker-buildx CLI plugin (none in " + string.Join(", ", folders) + ")");
        }
        else
        {
            var (code, output) = Run(docker, null, "buildx", "version");
            if (code != 0 || !output.Contains("github.com/docker/buildx", StringComparison.Ordinal))
            {
                problems.Add($"`docker buildx version` did not answer from {plugin} ({LastLine(output)})");
                plugin = null;
            }
            else
            {
                version = output.Trim();
            }
        }

        var (engineCode, engineOutput) = Run(docker, null, "version", "--format", "{{.Server.Version}}");
        if (engineCode != 0 || string.IsNullOrWhiteSpace(engineOutput))
        {
            problems.Add($"missing a reachable Docker engine (`docker version`: {LastLine(engineOutput)})");
        }

        if (!File.Exists(StaticBusybox))
        {
            problems.Add($"missing {StaticBusybox} (Debian's busybox-static), from which the tests make their base image");
        }

        return new Probe(plugin, version, problems.Count == 0 ? null : string.Join("; ", problems) + ".");
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "no answer";

    /// <summary>A probe command; one that hangs (an engine that accepts but never answers) counts as failed.</summary>
    private static (int Code, string Output) Run(string fileName, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        try
        {
            var result = ProcessRunner.Run(
                fileName,
                arguments,
                environment: environment?.ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
                timeout: TimeSpan.FromSeconds(20));
            return (result.ExitCode, result.Output);
        }
        catch (TimeoutException)
        {
            return (-1, "timed out after 20 s");
        }
    }

    private sealed record Probe(string? Plugin, string Version, string? Missing);
}
