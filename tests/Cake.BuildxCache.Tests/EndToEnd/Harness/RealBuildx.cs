using System.Diagnostics;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Whether the real buildx can run here: a real <c>docker-buildx</c> CLI plugin and a reachable Docker
/// engine. Checked once; <see cref="Missing"/> says exactly what is absent.
/// </summary>
internal static class RealBuildx
{
    private static readonly Lazy<(string? Plugin, string? Missing)> Probe = new(Detect);

    /// <summary>The real plugin's path, or null.</summary>
    public static string? PluginPath => Probe.Value.Plugin;

    /// <summary>Null when the real buildx tests can run, else what is missing.</summary>
    public static string? Missing => Probe.Value.Missing;

    /// <summary>Stops the test with <see cref="Assert.Ignore(string)"/> when the real buildx cannot run.</summary>
    public static void RequireOrIgnore()
    {
        if (Missing is { } missing)
        {
            Assert.Ignore("Real buildx tests need docker buildx and a Docker engine; " + missing);
        }
    }

    private static (string? Plugin, string? Missing) Detect()
    {
        var docker = ToolPath.Find("docker");
        if (docker is null)
        {
            return (null, "missing: the docker CLI (not on PATH).");
        }

        var config = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } given
            ? given
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        string[] folders =
        [
            Path.Combine(config, "cli-plugins"), "/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins",
            "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins",
        ];
        var plugin = folders.Select(folder => Path.Combine(folder, "docker-buildx")).FirstOrDefault(File.Exists);
        var problems = new List<string>();
        if (plugin is null)
        {
            problems.Add($"missing: the docker-buildx CLI plugin (looked in {string.Join(", ", folders)}; `docker buildx version` does not answer)");
        }
        else
        {
            var (code, output) = Run(docker, "buildx", "version");
            if (code != 0 || !output.Contains("github.com/docker/buildx", StringComparison.Ordinal))
            {
                problems.Add($"`docker buildx version` did not answer from {plugin}: {output.Trim()}");
                plugin = null;
            }
        }

        var (engineCode, engineOutput) = Run(docker, "version", "--format", "{{.Server.Version}}");
        if (engineCode != 0 || string.IsNullOrWhiteSpace(engineOutput))
        {
            var reason = engineOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "no answer";
            problems.Add($"missing: a reachable Docker engine (`docker version`: {reason})");
        }

        return (plugin, problems.Count == 0 ? null : string.Join("; ", problems) + ".");
    }

    private static (int Code, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 20 s");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
