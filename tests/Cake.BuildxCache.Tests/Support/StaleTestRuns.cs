using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// What test runs leave in the engine and the temp folder, and the sweep of what a run that is over left (interrupted,
/// killed, crashed). A resource is the tests' only by its name: a builder container <c>buildx_buildkit_e2e-&lt;run id&gt;-&lt;6 hex&gt;&lt;node&gt;</c>
/// (buildx derives it from the builder's name, <see cref="TestBuilders"/>), its state volume (the same and <c>_state</c>),
/// a run folder <c>buildx-cache-tests-&lt;run id&gt;</c>. A run is over only when its folder's lock can be taken
/// (<see cref="TestRun"/>): a run whose folder is missing cannot be proven over (it may use another temp folder), so its
/// resources stay.
/// </summary>
internal static partial class StaleTestRuns
{
    /// <summary>Removes the builder containers and volumes of run <paramref name="runId"/>; returns their names.</summary>
    /// <param name="runId">The run's id.</param>
    /// <returns>What was removed.</returns>
    public static IReadOnlyList<string> RemoveResourcesOf(string runId)
    {
        var removed = new List<string>();
        foreach (var (kind, remove) in new[] { ("container", new[] { "rm", "--force" }), ("volume", new[] { "volume", "rm", "--force" }) })
        {
            foreach (var name in BuilderResources(kind).Where(resource => resource.RunId == runId).Select(resource => resource.Name))
            {
                if (ProcessRunner.Run(Tools.Docker, [.. remove, name], timeout: TimeSpan.FromMinutes(1)).ExitCode == 0)
                {
                    removed.Add(name);
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// Removes what every run that is over left: its builder containers and volumes, then its folder. Leaves this run's
    /// (<paramref name="ownRunId"/>), every live run's, and everything whose name does not prove it is the tests'.
    /// </summary>
    /// <param name="tempRoot">The temp folder the runs' folders are in.</param>
    /// <param name="ownRunId">This run's id.</param>
    /// <param name="withEngine">Whether to look in the engine (false when there is no docker).</param>
    /// <returns>What was removed.</returns>
    public static IReadOnlyList<string> Sweep(string tempRoot, string ownRunId, bool withEngine)
    {
        var resources = withEngine ? [.. BuilderResources("container"), .. BuilderResources("volume")] : new List<(string Name, string RunId)>();
        var folders = Directory.Exists(tempRoot)
            ? Directory.EnumerateDirectories(tempRoot, TestRun.FolderPrefix + "*").Select(System.IO.Path.GetFileName).OfType<string>()
                .Select(name => name[TestRun.FolderPrefix.Length..]).Where(TestRun.IsId)
            : [];
        var removed = new List<string>();
        foreach (var runId in folders.Concat(resources.Select(resource => resource.RunId)).Distinct(StringComparer.Ordinal).Where(id => id != ownRunId).ToList())
        {
            var folder = TestRun.FolderOf(tempRoot, runId);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            using (var held = TestRun.TryLock(folder))
            {
                if (held is null)
                {
                    // A live run holds its lock.
                    continue;
                }

                if (withEngine)
                {
                    removed.AddRange(RemoveResourcesOf(runId));
                }
            }

            TemporaryDirectory.Delete(folder);
            if (!Directory.Exists(folder))
            {
                removed.Add(folder);
            }
        }

        return removed;
    }

    /// <summary>The engine's containers or volumes whose names are a test builder's, with their run ids.</summary>
    private static List<(string Name, string RunId)> BuilderResources(string kind)
    {
        string[] list = kind == "container"
            ? ["ps", "--all", "--filter", "name=buildx_buildkit_e2e-", "--format", "{{.Names}}"]
            : ["volume", "ls", "--filter", "name=buildx_buildkit_e2e-", "--format", "{{.Name}}"];
        var listed = ProcessRunner.Run(Tools.Docker, list, timeout: TimeSpan.FromMinutes(1));
        // The filter matches substrings: only a whole name of the builders' form is a test builder's.
        return [.. listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => BuilderResource().Match(name))
            .Where(match => match.Success)
            .Select(match => (match.Value, match.Groups["id"].Value))];
    }

    /// <summary>What follows <c>buildx_buildkit_e2e-&lt;run id&gt;</c> in a test builder's container or volume name (a regular expression's end).</summary>
    public const string BuilderNameTail = "-[0-9a-z_-]+$";

    [GeneratedRegex("^buildx_buildkit_e2e-(?<id>[0-9a-f]{8})" + BuilderNameTail)]
    private static partial Regex BuilderResource();
}
