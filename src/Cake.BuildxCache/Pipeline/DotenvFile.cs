using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// Writes a GitLab dotenv report (<c>artifacts:reports:dotenv</c>), which is stricter than the dotenv format:
/// GitLab reads it line by line as <c>KEY=value</c> (the first <c>=</c> splits; key and value are stripped of
/// surrounding whitespace; quotes are kept as they are, nothing is unescaped or expanded); an empty line or a
/// comment makes the whole report invalid; keys may hold only ASCII letters, digits and <c>_</c>; the file must be
/// smaller than 5 KB and hold at most 20 variables by default (GitLab.com allows 50 or more by tier; self-managed
/// instances configure both limits). So a value is written as it is, never quoted, and is refused (not silently
/// changed) when GitLab would not give it back unchanged.
/// </summary>
internal static partial class DotenvFile
{
    /// <summary>The file must be smaller than this many bytes (GitLab's default <c>dotenv_size</c> limit).</summary>
    public const int MaxBytes = 5 * 1024;

    /// <summary>At most this many variables (GitLab's lowest default <c>dotenv_variables</c> limit).</summary>
    public const int MaxVariables = 20;

    /// <summary>Renders variables, one <c>KEY=value</c> line each, <c>\n</c> line ends. A null or empty value leaves
    /// its variable out (GitLab's parser has no use for an empty line, and an unset variable is clearer downstream).</summary>
    /// <param name="variables">The variables, in order.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="DotenvException">A key or value GitLab cannot hold, a duplicate key, or too many or too large; every problem is listed.</exception>
    public static string Render(IEnumerable<KeyValuePair<string, string?>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        var count = 0;
        foreach (var (key, value) in variables)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!Key().IsMatch(key ?? string.Empty))
            {
                problems.Add($"key '{key}' must be ASCII letters, digits and _ (not starting with a digit), at most 255 characters");
            }
            else if (!seen.Add(key!))
            {
                problems.Add($"key '{key}' is given twice");
            }

            if (value.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
            {
                problems.Add($"{key}: a value cannot hold a line break (GitLab reads one variable per line)");
            }
            else if (value.Trim() != value)
            {
                problems.Add($"{key}: a value cannot start or end with whitespace (GitLab strips it)");
            }

            text.Append(key).Append('=').Append(value).Append('\n');
            count++;
        }

        if (count > MaxVariables)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{count} variables: GitLab accepts at most {MaxVariables} by default"));
        }

        var bytes = Encoding.UTF8.GetByteCount(text.ToString());
        if (bytes >= MaxBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes: GitLab accepts a file smaller than {MaxBytes} bytes by default"));
        }

        return problems.Count == 0 ? text.ToString() : throw new DotenvException(problems);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex Key();
}
