using System.Globalization;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Reads <c>cake.config</c> as Cake's own configuration parser does, and refuses first whatever that parser
/// would refuse or misread. Two hosts read the same file: the official runner (<c>dotnet cake</c>) parses it
/// itself before any of our code runs, so a file accepted here must mean the same to Cake, entry for entry.
/// Accepted: <c>[Section]</c> headers on a line of their own, <c>Key=value</c> entries (no whitespace in the
/// key, a value that is not empty and holds no <c>=</c>), <c>;</c> comment lines and blank lines. A refused line
/// is an error naming the file, the line and the fix, never quoting the line, which may hold a secret.
/// </summary>
/// <remarks>
/// Cake's tokenizer splits at every <c>=</c> ("Encountered unexpected token."), skips whitespace, line breaks
/// included, before every token (so an empty value takes the next line), reads <c>;</c> as a comment wherever a
/// token starts and <c>[</c> as a section, and knows no <c>#</c> comment (<c>#Key=x</c> becomes a key). Values
/// keep trailing whitespace and are expanded (<c>%NAME%</c>) after parsing; key case is ignored.
/// </remarks>
internal static class ConfigFile
{
    /// <summary>The file's name, read from the working directory by both hosts.</summary>
    public const string FileName = "cake.config";

    private const string ViaVariable = "put the value in an environment variable and write Key=%NAME% (Cake expands it after parsing)";

    /// <summary>The entries of <c>cake.config</c> in <paramref name="directory"/>; none without the file.</summary>
    /// <exception cref="CakeException">A line Cake's parser would refuse or misread.</exception>
    public static IReadOnlyList<ConfigEntry> Read(IFileSystem fileSystem, DirectoryPath directory)
    {
        var file = fileSystem.GetFile(directory.CombineWithFilePath(FileName));
        if (!file.Exists)
        {
            return [];
        }

        using var reader = new StreamReader(file.OpenRead());
        return Parse(file.Path.FullPath, reader.ReadToEnd());
    }

    /// <summary>The file's entries in order, keys as Cake looks them up (<c>Buildx_Image</c>).</summary>
    /// <exception cref="CakeException">A line Cake's parser would refuse or misread.</exception>
    public static IReadOnlyList<ConfigEntry> Parse(string path, string text)
    {
        var entries = new List<ConfigEntry>();
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var section = string.Empty;

        // Only \r and \n end a line for Cake's tokenizer; other separators (U+2028, form feed) are mere whitespace.
        var lines = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimStart();
            var number = index + 1;
            if (line.Length == 0 || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = Section(path, number, line);
                continue;
            }

            var entry = Entry(path, number, line, section);
            if (firstLine.TryGetValue(entry.Key, out var first))
            {
                throw Problem(path, number, $"sets {entry.Key} again (first on line {first}), and Cake's configuration ignores the case of keys and keeps only the last: write each key once");
            }

            firstLine[entry.Key] = number;
            entries.Add(entry);
        }

        return entries;
    }

    private static string Section(string path, int number, string line)
    {
        var close = line.IndexOf(']', StringComparison.Ordinal);
        var name = close < 0 ? string.Empty : line[1..close];
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '[' or '='))
        {
            throw Problem(path, number, "is not a section header: write [Name], one word in brackets");
        }

        // Cake would read an entry after the header on the same line; one form is enough.
        var rest = line[(close + 1)..].TrimStart();
        if (rest.Length > 0 && rest[0] != ';')
        {
            throw Problem(path, number, "has more after its section header: write [Name] on a line of its own");
        }

        return name;
    }

    private static ConfigEntry Entry(string path, int number, string line, string section)
    {
        if (line[0] == '#')
        {
            throw Problem(path, number, "starts with '#', which Cake's configuration parser does not read as a comment: start a comment with ';'");
        }

        var separator = line.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw Problem(path, number, "has no '=': write key=value, or comment the line out with ';'");
        }

        var name = line[..separator];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            throw Problem(path, number, "has no one-word key before '=': write key=value, with no space in the key or before '='");
        }

        var key = section.Length == 0 ? name : section + "_" + name;
        var value = line[(separator + 1)..].TrimStart();
        var problem = value switch
        {
            "" => "has no value after '=', and Cake's configuration parser would take the next line as its value: write key=value, or comment the line out with ';'",
            [';', ..] => $"has a value starting with ';', which Cake's configuration parser reads as a comment: {ViaVariable}",
            ['[', ..] => $"has a value starting with '[', which Cake's configuration parser reads as a section header: {ViaVariable}",
            _ when value.Contains('=', StringComparison.Ordinal) => "has '=' in its value, which Cake's configuration parser does not accept: " + EqualsFix(key),
            _ => null,
        };
        if (problem is not null)
        {
            throw Problem(path, number, problem);
        }

        return new ConfigEntry(key, section, name, value, number);
    }

    // The fix comes from the option's declared example, never from the value, which may be a secret.
    private static string EqualsFix(string key) =>
        OptionCatalog.All.FirstOrDefault(option => option.HasItemKeys && string.Equals(option.ConfigurationKey, key, StringComparison.OrdinalIgnoreCase)) is { } option
            ? $"write one key per item, the item's key after a dot, e.g. {option.ConfigFileExample}"
            : ViaVariable;

    private static CakeException Problem(string path, int line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}, {what}."));
}
