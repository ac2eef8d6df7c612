using System.Text.RegularExpressions;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Lint: <c>docker buildx build --call=check</c> on the builder. Its warnings are logged as warnings; with
/// <c>--lint-fail-on-warnings</c> buildx's own exit status (1 on a warning) fails the task.
/// </summary>
internal static partial class LintRun
{
    /// <summary>Runs the check.</summary>
    /// <param name="run">The run.</param>
    /// <param name="steps">Lint's steps.</param>
    /// <param name="version">The buildx version when EnsureBuilder ran.</param>
    /// <exception cref="CakeException">The check failed (a warning with <c>--lint-fail-on-warnings</c>, or an unreadable Dockerfile), or cannot fail on warnings on this buildx.</exception>
    public static void Run(BuildxCacheRun run, LintSteps steps, BuildxVersion? version)
    {
        run.EnsureValid();

        // --call came with buildx 0.15.0 (250cd44d7 "Adds a --call flag as an alias to the --print flag").
        if (version is not null && !version.IsAtLeast(0, 15))
        {
            var why = $"Lint needs buildx 0.15 or later for --call=check (this is {version.Text})";
            if (steps.FailOnWarnings)
            {
                throw new CakeException(why + ": --lint-fail-on-warnings cannot be honoured; update buildx or drop the option.");
            }

            run.Warning("{0}: the Dockerfile was not checked.", why);
            return;
        }

        // The user's bake file is checked as bake resolves it, every target in one call, reported per target.
        if (run.Plan.BakeLint is { } bake && run.BuildxOptions.BakeFiles.Count > 0)
        {
            // The run refused the file before this (EnsureValid), so every target it names maps to an image.
            BakeLintRun.Run(run, bake, [.. run.BakeFile.Images.Select(image => image.Name)]);
            return;
        }

        // Image sections: every image's check, as its own build would run it, in one bake over a generated definition.
        if (run.Plan.BakeLint is { } sections)
        {
            var definitionFile = new FilePath(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"buildx-cache-lint-{Guid.NewGuid():N}.json"));
            try
            {
                var checks = run.Plan.Images.Select(image =>
                {
                    var check = new LintSteps(image.Build, steps.FailOnWarnings).Build(version);
                    check.Call = null; // bake's --call holds for every target
                    return new KeyValuePair<string, BuildxBuildSettings>(image.Name, check);
                }).ToList();
                File.WriteAllText(definitionFile.FullPath, BakeDefinition.Json(checks));
                BakeLintRun.Run(run, sections with { Files = [definitionFile.FullPath] }, [.. checks.Select(check => check.Key)]);
            }
            finally
            {
                File.Delete(definitionFile.FullPath);
            }

            return;
        }

        var warnings = 0;
        var settings = steps.Build(version);
        settings.OutputHandler = line =>
        {
            run.Log.Write(Verbosity.Normal, LogLevel.Information, "{0}", line);
            if (WarningCount().Match(line) is { Success: true } match)
            {
                warnings = match.Groups["count"].Value == "1" ? 1 : int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        };

        try
        {
            run.BuildxBuild(settings);
        }
        catch (CakeException failure) when (steps.FailOnWarnings && warnings > 0)
        {
            throw new CakeException($"Lint: the Dockerfile has {warnings} check warning(s) and --lint-fail-on-warnings is set (see the checks above).", failure);
        }

        if (warnings > 0)
        {
            run.Warning("Lint: the Dockerfile has {0} check warning(s) (see above); --lint-fail-on-warnings makes them fail the task.", warnings);
        }
        else
        {
            run.Information("Lint: no check warnings.");
        }
    }

    // buildx's summary line (commands/build.go, printResult): "Check complete, 1 warning has been found!" or "…, N warnings have been found!".
    [GeneratedRegex(@"Check complete, (?<count>\d+) warnings? ha(?:s|ve) been found!")]
    private static partial Regex WarningCount();
}
