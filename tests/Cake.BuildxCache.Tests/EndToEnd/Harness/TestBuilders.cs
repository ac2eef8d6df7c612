using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Names and removes the BuildKit builders a test run creates in the real engine. Every name carries this
/// run's id (<see cref="TestRun"/>), so the sweep at the end can prove that what it removes is this run's: a container
/// or volume is removed only when its name is <c>buildx_buildkit_e2e-&lt;run id&gt;-…</c>, which buildx derives from the
/// builder's name (<see cref="StaleTestRuns"/>).
/// </summary>
internal static class TestBuilders
{
    private static string Prefix => $"e2e-{TestRun.Id}-";

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
    public static IReadOnlyList<string> RemoveLeftovers() =>
        RealStack.Missing is null ? StaleTestRuns.RemoveResourcesOf(TestRun.Id) : [];
}
