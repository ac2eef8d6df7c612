namespace Cake.BuildxCache.Options;

/// <summary>Every option as a Markdown table: name, sources, default and purpose (docs/options.md's table is this output).</summary>
public static class OptionTable
{
    /// <summary>The table, line by line.</summary>
    /// <returns>The Markdown lines.</returns>
    public static IEnumerable<string> Markdown()
    {
        yield return "| argument | environment | cake.config `[Buildx]` | CI default | default | what it does |";
        yield return "|---|---|---|---|---|---|";
        foreach (var option in OptionCatalog.All)
        {
            var argument = option.IsSecret ? "(environment only)" : $"`{option.Argument}`";
            var config = option.IsSecret ? "-" : $"`{option.ConfigFileEntry}`";
            var ci = option.CiVariable is null ? "-" : $"`{option.CiVariable}`";
            var fallback = option.DefaultText.Length == 0 ? "-" : $"`{option.DefaultText}`";
            var list = option.IsList ? " (several)" : string.Empty;
            var formerly = option.Aliases.Count == 0
                ? string.Empty
                : $"; formerly {string.Join(", ", option.Aliases.Select(alias => $"`{OptionNames.Argument(alias)}`"))}, still read with a warning";
            yield return $"| {argument} | `{option.EnvironmentVariable}` | {config} | {ci} | {fallback} | {Escape(option.Summary)}{list}{formerly} |";
        }
    }

    // Markdown would read <image> as an HTML tag and | as a cell border.
    private static string Escape(string text) =>
        text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
