using System.Diagnostics;
using System.Globalization;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// Removes a run's builders and folder once its test host is gone, however it went: an interrupt (Ctrl-C reaches
/// <c>dotnet test</c>, which kills the test host before a handler of its own could finish), a kill, a crash. A small
/// shell process in a session of its own (so neither Ctrl-C nor a kill of the test host's process tree reaches it) waits
/// for the test host's pid, then removes exactly what <see cref="StaleTestRuns.RemoveResourcesOf"/> removes for this run
/// id, and the run folder. After a normal end there is nothing left for it to find. If it is killed too, the next run's
/// sweep (<see cref="StaleTestRuns.Sweep"/>) still finds the run ended by its free lock.
/// </summary>
internal static class TestRunWatchdog
{
    /// <summary>Starts the watchdog of a run; false when <c>sh</c> or <c>setsid</c> is missing.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="folder">The run's folder.</param>
    /// <param name="docker">The docker CLI, or null when there is none (then only the folder).</param>
    /// <param name="hostPid">The process whose end it waits for: the test host's (this process) unless a test says otherwise.</param>
    /// <returns>Whether it started.</returns>
    public static bool Start(string runId, string folder, string? docker, int? hostPid = null)
    {
        if (ToolPath.Find("setsid") is not { } setsid || ToolPath.Find("sh") is null)
        {
            return false;
        }

        // The names as StaleTestRuns matches them: only a whole name of a test builder of this run.
        var names = $"'^buildx_buildkit_e2e-{runId}{StaleTestRuns.BuilderNameTail}'";
        var engine = docker is null ? string.Empty : string.Join('\n',
            $"\"$DOCKER\" ps --all --filter name=buildx_buildkit_e2e-{runId}- --format '{{{{.Names}}}}' | grep -E {names} | xargs -r \"$DOCKER\" rm --force",
            $"\"$DOCKER\" volume ls --filter name=buildx_buildkit_e2e-{runId}- --format '{{{{.Name}}}}' | grep -E {names} | xargs -r \"$DOCKER\" volume rm --force",
            string.Empty);
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$HOST" 2>/dev/null; do sleep 1; done
            {engine}rm -rf -- "$FOLDER"

            """;
        var start = new ProcessStartInfo(setsid, ["--fork", "sh", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOST"] = (hostPid ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture);
        start.Environment["FOLDER"] = folder;
        start.Environment["DOCKER"] = docker ?? string.Empty;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
