using System.Globalization;
using Cake.Core;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Reads <c>cake.config</c> (INI: <c>[Section]</c> headers, <c>key=value</c> entries, <c>;</c> or <c>#</c> comments)
/// into Cake's configuration keys, <c>Section_Key</c>. A value may hold <c>=</c> (<c>DriverOpt=network=host</c>):
/// only the first one separates. A malformed line is an error naming the file, the line and the fix, and never
/// quoting the line, which may hold a secret.
/// </summary>
internal static class ConfigFile
{
    /// <summary>The file's entries in order, keys as Cake looks them up (<c>Buildx_Image</c>).</summary>
    /// <exception cref="CakeException">A line is neither a section, an entry, a comment nor blank.</exception>
    public static IReadOnlyList<ConfigEntry> Parse(string path, string text)
    {
        var entries = new List<ConfigEntry>();
        var section = string.Empty;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            var number = index + 1;
            if (line.Length == 0 || line[0] is ';' or '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var name = line.EndsWith(']') ? line[1..^1].Trim() : string.Empty;
                if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '[' or ']' or '='))
                {
                    throw Problem(path, number, "is not a section header: write [Name], one word in brackets");
                }

                section = name;
                continue;
            }

            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                throw Problem(path, number, "has no '=': write key=value, or comment the line out with ';'");
            }

            var key = line[..separator].Trim();
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                throw Problem(path, number, "has no one-word key before '=': write key=value (no spaces in the key)");
            }

            var value = line[(separator + 1)..].Trim();
            entries.Add(new ConfigEntry(section.Length == 0 ? key : section + "_" + key, section, key, value, number));
        }

        return entries;
    }

    private static CakeException Problem(string path, int line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}, {what}."));
}
