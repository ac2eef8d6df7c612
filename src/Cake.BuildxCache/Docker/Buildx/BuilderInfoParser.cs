using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Reads the text of <c>docker buildx inspect</c>. A line <c>Key: value</c> at column 0 is a field; a line
/// <c>Key:</c> opens a block whose indented lines follow (<c>Labels</c>, <c>Features</c>, <c>GC Policy rule#0</c>,
/// <c>Devices</c>, …). Fields before <c>Nodes:</c> belong to the builder; each <c>Name:</c> after it starts a node.
/// Lines before the first <c>Name:</c> (bootstrap progress) and unknown fields and blocks are skipped.
/// </summary>
public static partial class BuilderInfoParser
{
    /// <summary>Parses inspect output.</summary>
    /// <param name="lines">The output lines.</param>
    /// <returns>The builder, or <c>null</c> when the text describes none.</returns>
    public static BuilderInfo? Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);

        var builder = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var nodes = new List<BuilderNode>();
        NodeDraft? node = null;
        Dictionary<string, string>? block = null;
        var inNodes = false;

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                block = null;
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                // An indented line belongs to the open block, if any.
                if (block is not null && Split(line.Trim()) is ({ } key, { } value))
                {
                    block[key] = value;
                }

                continue;
            }

            block = null;
            if (line.Equals("Nodes:", StringComparison.OrdinalIgnoreCase))
            {
                inNodes = builder.ContainsKey("Name");
                continue;
            }

            if (Split(line) is not ({ } field, { } text))
            {
                continue;
            }

            if (!inNodes)
            {
                // Progress lines (`#1 …`) have no `Key: value` shape before the first Name.
                if (field.Equals("Name", StringComparison.OrdinalIgnoreCase) || builder.ContainsKey("Name"))
                {
                    builder.TryAdd(field, text);
                }

                continue;
            }

            if (field.Equals("Name", StringComparison.OrdinalIgnoreCase))
            {
                if (node is not null)
                {
                    nodes.Add(node.Build());
                }

                node = new NodeDraft(text);
                continue;
            }

            if (node is not null && text.Length == 0)
            {
                block = node.BlockFor(field);
                continue;
            }

            node?.Fields.TryAdd(field, text);
        }

        if (node is not null)
        {
            nodes.Add(node.Build());
        }

        if (!builder.TryGetValue("Name", out var name))
        {
            return null;
        }

        return new BuilderInfo(name, builder.GetValueOrDefault("Driver", string.Empty), nodes)
        {
            LastActivity = builder.GetValueOrDefault("Last Activity"),
        };
    }

    /// <summary>Parses a <c>key="value" key2="value2"</c> line (Go's quoting), as <c>Driver Options</c> prints.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The options in printed order.</returns>
    public static IReadOnlyDictionary<string, string> ParseDriverOptions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in DriverOption().Matches(text))
        {
            options[match.Groups["key"].Value] = match.Groups["quoted"].Success
                ? Regex.Unescape(match.Groups["quoted"].Value)
                : match.Groups["bare"].Value;
        }

        return options;
    }

    /// <summary>Splits <c>Key: value</c> (or <c>Key:</c>) at the first colon followed by blank or end.</summary>
    private static (string? Key, string? Value) Split(string line)
    {
        var at = line.IndexOf(": ", StringComparison.Ordinal);
        if (at < 0)
        {
            at = line.IndexOf(":\t", StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return line.EndsWith(':') ? (line[..^1].Trim(), string.Empty) : (null, null);
        }

        return (line[..at].Trim(), line[(at + 1)..].Trim());
    }

    [GeneratedRegex("(?<key>[^\\s=]+)=(?:\"(?<quoted>(?:[^\"\\\\]|\\\\.)*)\"|(?<bare>\\S*))")]
    private static partial Regex DriverOption();

    private sealed class NodeDraft(string name)
    {
        private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _features = new(StringComparer.Ordinal);

        public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The dictionary an indented block is read into; unknown blocks are read and dropped.</summary>
        public Dictionary<string, string> BlockFor(string field) => field switch
        {
            _ when field.Equals("Labels", StringComparison.OrdinalIgnoreCase) => _labels,
            _ when field.Equals("Features", StringComparison.OrdinalIgnoreCase) => _features,
            _ => new Dictionary<string, string>(),
        };

        public BuilderNode Build() => new(name)
        {
            Endpoint = Get("Endpoint"),
            Status = Get("Status"),
            BuildkitVersion = Get("BuildKit version") ?? Get("Buildkit"),
            Platforms = (Get("Platforms") ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(platform => platform.TrimEnd('*'))
                .ToList(),
            FixedPlatforms = (Get("Platforms") ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(platform => platform.EndsWith('*'))
                .Select(platform => platform.TrimEnd('*'))
                .ToList(),
            DriverOptions = Get("Driver Options") is { } options
                ? ParseDriverOptions(options)
                : new Dictionary<string, string>(),
            DaemonFlags = Get("BuildKit daemon flags"),
            Labels = _labels,
            Features = _features,
            Error = Get("Error"),
        };

        private string? Get(string field) =>
            Fields.TryGetValue(field, out var value) && value.Length > 0 ? value : null;
    }
}
