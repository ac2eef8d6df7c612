using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Options;

/// <summary>
/// buildx's failure to print a bake file, in the words the module refuses the run with (after the option and the file):
/// a target or group the file does not have (with the ones it has), or buildx's own message (its last <c>ERROR:</c> line).
/// </summary>
internal static partial class BakeFileFailure
{
    /// <summary>The target buildx could not find (<c>ERROR: failed to find target nope</c>), or null.</summary>
    /// <param name="lines">What buildx printed.</param>
    /// <returns>The name, or null.</returns>
    public static string? MissingTarget(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Select(line => MissingTargetLine().Match(line)).LastOrDefault(match => match.Success)?.Groups["name"].Value;
    }

    /// <summary>The message for a target or group the file does not have.</summary>
    /// <param name="missing">The name buildx could not find.</param>
    /// <param name="listing">What <c>docker buildx bake --list=type=targets,format=json</c> printed, or null when it failed.</param>
    /// <returns>The message, naming the option that picks targets.</returns>
    public static string UnknownTarget(string missing, string? listing)
    {
        var names = listing is null ? null : Names(listing);
        var has = names is null ? string.Empty : $" (it has: {(names.Count == 0 ? "none" : string.Join(", ", names))})";
        var why = missing == "default" ? "has no 'default' group" : $"has no target or group '{missing}'";
        return $"the file {why}{has}: name the targets to build with --bake-target";
    }

    /// <summary>The message for a file buildx cannot read: its own error (its last <c>ERROR:</c> line, which names the file and line).</summary>
    /// <param name="lines">What buildx printed.</param>
    /// <returns>The message.</returns>
    public static string Unreadable(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var all = lines.Where(line => !string.IsNullOrWhiteSpace(line)).ToList();
        var error = all.LastOrDefault(line => line.StartsWith("ERROR:", StringComparison.Ordinal))?["ERROR:".Length..].Trim()
            ?? all.LastOrDefault()?.Trim()
            ?? "buildx printed nothing";
        return $"docker buildx bake cannot read it: {error}";
    }

    // The --list JSON: [{"name": "api"}, {"name": "default", "group": true, …}].
    private static List<string>? Names(string listing)
    {
        try
        {
            using var document = JsonDocument.Parse(listing);
            return document.RootElement.ValueKind != JsonValueKind.Array
                ? null
                : [.. document.RootElement.EnumerateArray()
                    .Where(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    .Select(item => item.GetProperty("name").GetString() + (item.TryGetProperty("group", out var group) && group.ValueKind == JsonValueKind.True ? " (group)" : string.Empty))];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^ERROR: failed to find target (?<name>\S+)\s*$")]
    private static partial Regex MissingTargetLine();
}
