using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Names and removes the BuildKit builders a test run creates in the real engine. Every name carries this
/// run's id, so the sweep at the end can prove that what it removes is this run's: a container or volume is
/// removed only when its name starts with <c>buildx_buildkit_e2e-&lt;run id&gt;-</c>, which buildx derives
/// from the builder's name.
/// </summary>
internal static class TestBuilders
{
    /// <summary>This test run's id (eight hex digits).</summary>
    public static string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    private static string Prefix => $"e2e-{RunId}-";

    /// <summary>A new builder name of this run.</summary>
    public static string NewName() => Prefix + Guid.NewGuid().ToString("N")[..6];

    /// <summary>
    /// Removes every builder recorded in <paramref name="sandbox"/>'s <c>DOCKER_CONFIG</c> (buildx keeps one file
    /// per builder under <c>buildx/instances</c>), in that same config, as the rig's README asks.
    /// </summary>
    public static void RemoveAll(DockerSandbox sandbox)
    {
        var instances = Path.Combine(sandbox.ConfigDirectory, "buildx", "instances");
        if (!Directory.Exists(instances))
        {
            return;
        }

        var environment = sandbox.Environment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        foreach (var builder in Directory.EnumerateFiles(instances).Select(Path.GetFileName).OfType<string>())
        {
            ProcessRunner.Run(Tools.Docker, ["buildx", "rm", "--force", builder], environment: environment, timeout: TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>
    /// The safety net after the run: containers and volumes of this run's builders that a failed test left in
    /// the engine. Returns what it removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftovers()
    {
        if (RealStack.Missing is not null)
        {
            return [];
        }

        var ours = "buildx_buildkit_" + Prefix;
        var removed = new List<string>();
        foreach (var (list, remove) in new[]
        {
            (new[] { "ps", "--all", "--filter", "name=" + ours, "--format", "{{.Names}}" }, new[] { "rm", "--force" }),
            (new[] { "volume", "ls", "--filter", "name=" + ours, "--format", "{{.Name}}" }, new[] { "volume", "rm", "--force" }),
        })
        {
            var listed = ProcessRunner.Run(Tools.Docker, list, timeout: TimeSpan.FromMinutes(1));
            // The filter matches substrings; only names that start with this run's prefix are ours.
            var names = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(name => name.StartsWith(ours, StringComparison.Ordinal))
                .ToList();
            foreach (var name in names)
            {
                ProcessRunner.Run(Tools.Docker, [.. remove, name], timeout: TimeSpan.FromMinutes(1));
                removed.Add(name);
            }
        }

        return removed;
    }
}
