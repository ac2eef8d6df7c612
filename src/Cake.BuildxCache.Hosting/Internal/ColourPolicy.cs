using Cake.BuildxCache.Refs;
using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// Whether the host's output carries colour (ANSI escape codes). <c>NO_COLOR</c> (any non-empty value) turns it off;
/// <c>FORCE_COLOR</c> turns it on (<c>0</c> or <c>false</c>: off), for a pipe that renders it. GitLab CI and GitHub
/// Actions keep it: their job logs render ANSI colour, and a job's output is always a pipe. Anywhere else, colour only
/// goes to a terminal: never into a file or a pipe.
/// </summary>
internal static class ColourPolicy
{
    /// <summary>Decides.</summary>
    /// <param name="noColor"><c>NO_COLOR</c>, or null.</param>
    /// <param name="forceColor"><c>FORCE_COLOR</c>, or null.</param>
    /// <param name="ci">The CI system the run is under.</param>
    /// <param name="redirected">True when standard output or standard error is not a terminal.</param>
    /// <returns>True to write colour.</returns>
    public static bool Allows(string? noColor, string? forceColor, CiProvider ci, bool redirected)
    {
        if (!string.IsNullOrEmpty(noColor))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(forceColor))
        {
            return forceColor.Trim() is not ("0" or "false" or "FALSE" or "False");
        }

        return ci != CiProvider.None || !redirected;
    }

    /// <summary>Decides for this process: its environment and its standard streams.</summary>
    /// <param name="environment">The environment (NO_COLOR, FORCE_COLOR, the CI variables).</param>
    /// <returns>True to write colour.</returns>
    public static bool Allows(ICakeEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Allows(
            environment.GetEnvironmentVariable("NO_COLOR"),
            environment.GetEnvironmentVariable("FORCE_COLOR"),
            CiDetector.Detect(environment),
            Console.IsOutputRedirected || Console.IsErrorRedirected);
    }
}
