using System.Text;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// A GitHub Actions step's outputs, as lines for the file <c>$GITHUB_OUTPUT</c> names. Every value is written in the
/// delimiter form (<c>name&lt;&lt;DELIMITER</c>, the value's lines, <c>DELIMITER</c>), so a value may hold line breaks and
/// <c>=</c>; the delimiter is random per run, so no value can end the block early and write an output of its own.
/// </summary>
internal static class GitHubOutputFile
{
    /// <summary>Renders the outputs; a null value leaves its output out. Lines end with <c>\n</c>.</summary>
    /// <param name="outputs">The outputs, in order.</param>
    /// <param name="delimiter">The delimiter (<see cref="NewDelimiter"/>).</param>
    /// <returns>The text to append to the file.</returns>
    /// <exception cref="ArgumentException">A name that is empty or holds a line break or <c>&lt;&lt;</c>, or the delimiter in a value.</exception>
    public static string Render(IEnumerable<KeyValuePair<string, string?>> outputs, string delimiter)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentException.ThrowIfNullOrWhiteSpace(delimiter);
        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            if (value is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAny('\n', '\r') >= 0 || name.Contains("<<", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' cannot be an output name.", nameof(outputs));
            }

            var lines = value.ReplaceLineEndings("\n");
            if (lines.Split('\n').Contains(delimiter, StringComparer.Ordinal))
            {
                throw new ArgumentException($"The value of {name} holds the delimiter.", nameof(delimiter));
            }

            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(lines).Append('\n').Append(delimiter).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A new random delimiter, as GitHub's own toolkit makes them (<c>ghadelimiter_</c> and a GUID).</summary>
    /// <returns>The delimiter.</returns>
    public static string NewDelimiter() => "ghadelimiter_" + Guid.NewGuid().ToString("D");
}
