namespace Cake.BuildxCache.Report;

/// <summary>
/// The entry point for a captured build output: tells plain from rawjson and reads it. A task that captured
/// the output of <c>docker buildx build</c> calls <c>BuildProgress.Parse(lines)</c>; one that wants to read as the
/// build prints creates a <see cref="PlainProgressReader"/> or <see cref="RawJsonProgressReader"/> itself.
/// </summary>
internal static class BuildProgress
{
    /// <summary>Reads a captured output of either form.</summary>
    /// <param name="text">The output.</param>
    /// <returns>The report (with no steps when the output had none, e.g. <c>--progress=quiet</c>).</returns>
    public static BuildReport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.Split('\n'));
    }

    /// <summary>Reads captured output lines of either form.</summary>
    /// <param name="lines">The lines.</param>
    /// <returns>The report.</returns>
    public static BuildReport Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var all = lines as IReadOnlyList<string> ?? lines.ToList();
        return DetectFormat(all) == ProgressFormat.RawJson ? RawJsonProgressReader.Parse(all) : PlainProgressReader.Parse(all);
    }

    /// <summary>Tells the form of an output by its first progress line: <c>{</c> for rawjson, <c>#N</c> for plain.
    /// Lines before it (buildx's own <c>WARNING: …</c>) do not count. Plain when neither is found.</summary>
    /// <param name="lines">The lines.</param>
    /// <returns>The form.</returns>
    public static ProgressFormat DetectFormat(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var text = line.TrimStart();
            if (text.StartsWith('{'))
            {
                return ProgressFormat.RawJson;
            }

            if (text.Length > 1 && text[0] == '#' && char.IsAsciiDigit(text[1]))
            {
                return ProgressFormat.Plain;
            }
        }

        return ProgressFormat.Plain;
    }
}
