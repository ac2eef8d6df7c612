using System.Globalization;

namespace Cake.BuildxCache.Docker;

/// <summary>Writes the message of a failed docker command: what failed, its exit code and what docker said.</summary>
internal static class DockerFailure
{
    /// <summary>At most this many of docker's last lines go into a message.</summary>
    private const int MaxLines = 10;

    public static string Describe(DockerInvocation invocation, DockerCommandResult result, Func<string, string> filterArguments)
    {
        var prefix = string.Format(
            CultureInfo.InvariantCulture,
            "{0} failed (exit code {1})",
            invocation.Description,
            result.ExitCode);

        if (!invocation.CaptureOutput)
        {
            return prefix + "; docker's output above says why.";
        }

        // Docker reports errors on stderr; some commands (login without a daemon) print their verdict
        // on stdout. Prefer stderr, fall back to stdout.
        var said = Meaningful(result.Error);
        if (said.Count == 0)
        {
            said = Meaningful(result.Output);
        }

        if (said.Count == 0)
        {
            return prefix + " and printed nothing.";
        }

        var text = string.Join(" | ", said.TakeLast(MaxLines));
        text = Redactor.Redact(filterArguments(text), invocation.Secrets);
        return prefix + ": " + text;
    }

    private static List<string> Meaningful(IEnumerable<string> lines)
    {
        var all = lines.Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

        // The CLI's own info/debug log lines (`time="…" level=info msg=…`) only add noise when
        // something else was said.
        var verdicts = all.Where(line => !IsChatter(line)).ToList();
        return verdicts.Count > 0 ? verdicts : all;
    }

    private static bool IsChatter(string line) =>
        line.StartsWith("time=", StringComparison.Ordinal)
        && (line.Contains(" level=info ", StringComparison.Ordinal) || line.Contains(" level=debug ", StringComparison.Ordinal));
}
