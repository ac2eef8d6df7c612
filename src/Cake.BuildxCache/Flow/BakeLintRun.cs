using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Lint over several images, the user's bake file's (once the run has read it: a refused file never gets here) or the
/// definition generated for cake.config's image sections: runs <c>docker buildx bake --call=check</c> once for all targets and reports per target: its warnings (and their
/// rules) or why it could not be checked. With <c>--lint-fail-on-warnings</c> buildx's own exit status (1 on a warning)
/// fails the task; a target that could not be checked always does.
/// </summary>
internal static class BakeLintRun
{
    /// <summary>Runs the check.</summary>
    /// <param name="run">The run.</param>
    /// <param name="steps">The check's step.</param>
    /// <param name="images">The names of the targets the check reports on: the images.</param>
    /// <exception cref="CakeException">A target could not be checked, or a target has a warning with <c>--lint-fail-on-warnings</c>.</exception>
    public static void Run(BuildxCacheRun run, BakeLintSteps steps, IReadOnlyList<string> images)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(images);
        var result = new BakeFileRunner(run.FileSystem, run.Environment, run.ProcessRunner, run.Tools).Run(steps.Settings());
        foreach (var line in result.Output)
        {
            run.Log.Write(Verbosity.Normal, LogLevel.Information, "{0}", line);
        }

        var checks = BakeCheckParser.Parse(result.Output, images);
        foreach (var check in checks)
        {
            if (check.Error is { } error)
            {
                run.Error("Lint {0}: could not be checked: {1}", check.Target, error);
            }
            else if (check.Warnings is > 0 and var count)
            {
                run.Warning("Lint {0}: {1} check warning(s) ({2})", check.Target, count, string.Join(", ", check.Rules));
            }
            else if (check.Warnings == 0)
            {
                run.Information("Lint {0}: no check warnings.", check.Target);
            }
            else
            {
                run.Warning("Lint {0}: buildx reported no check result for it.", check.Target);
            }
        }

        var failed = checks.Where(check => check.Error is not null).Select(check => check.Target).ToList();
        var warned = checks.Where(check => check.Warnings > 0).Select(check => check.Target).ToList();
        if (failed.Count > 0 || (!result.Succeeded && !(steps.FailOnWarnings && warned.Count > 0)))
        {
            var why = failed.Count > 0 ? $"{string.Join(", ", failed)} could not be checked" : "docker buildx bake --call=check failed";
            var errors = result.Error.Where(line => line.StartsWith("ERROR:", StringComparison.Ordinal) || line.StartsWith("error:", StringComparison.Ordinal));
            throw new CakeException($"Lint: {why} ({string.Join(" ", errors.DefaultIfEmpty($"exit code {result.ExitCode}"))}).");
        }

        if (!result.Succeeded)
        {
            throw new CakeException($"Lint: {string.Join(", ", warned)} {(warned.Count == 1 ? "has" : "have")} check warnings and --lint-fail-on-warnings is set (see the checks above).");
        }

        if (warned.Count > 0)
        {
            run.Warning("Lint: {0} of {1} targets have check warnings (see above); --lint-fail-on-warnings makes them fail the task.", warned.Count, checks.Count);
        }
    }
}
