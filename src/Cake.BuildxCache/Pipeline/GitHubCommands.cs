using System.Text;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// GitHub Actions workflow commands, as lines to print to standard output. Command data is escaped as the runner
/// unescapes it (<c>%</c> <c>%25</c>, CR <c>%0D</c>, LF <c>%0A</c>), so a value can neither end the line early nor
/// smuggle in a second command.
/// </summary>
internal static class GitHubCommands
{
    /// <summary>Ends the current log group.</summary>
    public const string EndGroup = "::endgroup::";

    /// <summary>Starts a collapsible log group (groups do not nest: a second <c>::group::</c> ends the first).</summary>
    /// <param name="title">The group's title.</param>
    /// <returns>The line.</returns>
    public static string Group(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return "::group::" + EscapeData(title);
    }

    /// <summary>
    /// Lines that make the runner mask <paramref name="value"/> in every later log line. The runner masks line by
    /// line, so a value that spans lines would never match: each of its lines is masked on its own (lines of
    /// whitespace only are skipped, masking them would blank the log). Nothing for an empty value.
    /// </summary>
    /// <param name="value">The secret.</param>
    /// <returns>The lines to print, before the value can appear in any output.</returns>
    public static IReadOnlyList<string> AddMask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Distinct(StringComparer.Ordinal)
            .Select(line => "::add-mask::" + EscapeData(line))
            .ToList();
    }

    /// <summary>Escapes a workflow command's data.</summary>
    /// <param name="data">The data.</param>
    /// <returns>The escaped data.</returns>
    public static string EscapeData(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new StringBuilder(data.Length);
        foreach (var c in data)
        {
            text.Append(c switch
            {
                '%' => "%25",
                '\r' => "%0D",
                '\n' => "%0A",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
