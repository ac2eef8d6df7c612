using System.Collections.Immutable;
using System.Text.Json;

namespace Cake.BuildxCache.Options;

/// <summary>
/// What <c>docker buildx bake --print</c> prints (buildx <c>bake/bake.go</c>: <c>{"group": {…}, "target": {…}}</c>):
/// the groups with their targets and the targets asked for, resolved. A pure reading of that JSON.
/// </summary>
/// <param name="Groups">Each group's name and the targets it holds.</param>
/// <param name="Targets">The targets, by name.</param>
internal sealed record PrintedBakeDefinition(
    ImmutableSortedDictionary<string, ImmutableArray<string>> Groups,
    ImmutableSortedDictionary<string, PrintedBakeTarget> Targets)
{
    /// <summary>Reads the printed definition.</summary>
    /// <param name="json">buildx's standard output.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FormatException">The text is not a bake definition.</exception>
    public static PrintedBakeDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"not a bake definition: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a bake definition: the JSON is not an object");
            }

            var groups = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("group", out var groupElement) && groupElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var group in groupElement.EnumerateObject())
                {
                    groups[group.Name] = Strings(group.Value, "targets");
                }
            }

            var targets = ImmutableSortedDictionary.CreateBuilder<string, PrintedBakeTarget>(StringComparer.Ordinal);
            if (root.TryGetProperty("target", out var targetElement) && targetElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var target in targetElement.EnumerateObject())
                {
                    targets[target.Name] = Target(target.Name, target.Value);
                }
            }

            return new(groups.ToImmutable(), targets.ToImmutable());
        }
    }

    private static PrintedBakeTarget Target(string name, JsonElement target)
    {
        var args = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (target.TryGetProperty("args", out var argsElement) && argsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var arg in argsElement.EnumerateObject().Where(arg => arg.Value.ValueKind == JsonValueKind.String))
            {
                args[arg.Name] = arg.Value.GetString()!;
            }
        }

        return new(
            name,
            Text(target, "context"),
            Text(target, "dockerfile"),
            Text(target, "dockerfile-inline") is not null,
            Text(target, "target"),
            args.ToImmutable(),
            Strings(target, "tags"),
            Strings(target, "platforms"),
            Entries(target, "cache-from"),
            Entries(target, "cache-to"),
            Entries(target, "output"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ImmutableArray<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];

    // buildx 0.36 prints cache-from, cache-to and output as objects ({"type": "registry", "ref": …}); older ones as strings.
    private static ImmutableArray<string> Entries(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
                ? string.Join(',', item.EnumerateObject().OrderBy(pair => pair.Name != "type").Select(pair => $"{pair.Name}={(pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString() : pair.Value.GetRawText())}"))
                : item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())]
            : [];
}
