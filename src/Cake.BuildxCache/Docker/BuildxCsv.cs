using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Cake.BuildxCache.Docker;

/// <summary>
/// The CSV buildx reads a <c>--driver-opt</c> value as (one record; fields separated by <c>,</c>): a field that holds a
/// <c>,</c> or a <c>"</c> is quoted whole, <c>"nodeselector=a=b,c=d"</c>, with a <c>"</c> inside written <c>""</c>; a
/// <c>"</c> inside an unquoted field is an error (buildx 0.36.1: <c>bare " in non-quoted-field</c>). The module reads
/// <c>--driver-opt</c> and <c>--builder-node</c> with the same rules, and writes driver options back in them.
/// </summary>
internal static class BuildxCsv
{
    /// <summary>The field as buildx reads it back: quoted when it holds a separator, a quote or a line break.</summary>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Splits one record into its fields, unquoted. Blanks around a field are dropped (the module's items always were
    /// trimmed); blanks inside quotes are kept.
    /// </summary>
    /// <param name="text">The record.</param>
    /// <param name="fields">The fields, when the quoting is right.</param>
    /// <param name="problem">What is wrong with the quoting, when not.</param>
    /// <returns>True when the record reads.</returns>
    public static bool TrySplit(string text, [NotNullWhen(true)] out IReadOnlyList<string>? fields, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var read = new List<string>();
        fields = null;
        var at = 0;
        while (true)
        {
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }

            var field = new StringBuilder();
            if (at < text.Length && text[at] == '"')
            {
                var start = at;
                at++;
                while (true)
                {
                    if (at >= text.Length)
                    {
                        problem = $"opens a quote at character {start + 1} that is never closed: quote a whole field, \"key=a,b\", and write a \" inside it as \"\"";
                        return false;
                    }

                    if (text[at] == '"')
                    {
                        if (at + 1 < text.Length && text[at + 1] == '"')
                        {
                            field.Append('"');
                            at += 2;
                            continue;
                        }

                        at++;
                        break;
                    }

                    field.Append(text[at++]);
                }

                while (at < text.Length && text[at] == ' ')
                {
                    at++;
                }

                if (at < text.Length && text[at] != ',')
                {
                    problem = $"has text after the closing quote at character {at}: quote a whole field, \"key=a,b\", not a part of it";
                    return false;
                }
            }
            else
            {
                var end = text.IndexOf(',', at);
                var raw = (end < 0 ? text[at..] : text[at..end]).TrimEnd(' ');
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    problem = $"has a quote inside the field '{raw}', which buildx refuses (bare \" in non-quoted-field): quote the whole field, \"key=a,b\", and write a \" inside it as \"\"";
                    return false;
                }

                field.Append(raw);
                at = end < 0 ? text.Length : end;
            }

            read.Add(field.ToString());
            if (at >= text.Length)
            {
                break;
            }

            at++; // the ',' between fields
        }

        fields = read;
        problem = null;
        return true;
    }
}
