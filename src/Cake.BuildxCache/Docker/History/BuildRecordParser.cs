using System.Globalization;
using System.Text.Json;

namespace Cake.BuildxCache.Docker.History;

/// <summary>
/// Reads the JSON of <c>docker buildx history inspect --format json</c> (buildx's <c>inspectOutput</c> in
/// <c>commands/history/inspect.go</c>: Go field names; <c>Duration</c> a <c>time.Duration</c>, in nanoseconds;
/// the step counts always present).
/// </summary>
public static class BuildRecordParser
{
    /// <summary>Parses the JSON.</summary>
    /// <param name="json">What the command printed on stdout.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The text is not a JSON object with a <c>Ref</c>.</exception>
    public static BuildRecord Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The build record is not valid JSON: " + exception.Message, exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "Ref") is not { Length: > 0 } reference)
            {
                throw new FormatException("The build record is not a JSON object with a Ref.");
            }

            var error = root.TryGetProperty("Error", out var e) && e.ValueKind == JsonValueKind.Object ? e : (JsonElement?)null;
            return new BuildRecord(reference)
            {
                Name = Text(root, "Name"),
                Status = Text(root, "Status"),
                StartedAt = Time(root, "StartedAt"),
                CompletedAt = Time(root, "CompletedAt"),
                Duration = root.TryGetProperty("Duration", out var duration) && duration.TryGetInt64(out var nanoseconds)
                    ? TimeSpan.FromTicks(nanoseconds / 100)
                    : null,
                TotalSteps = Number(root, "NumTotalSteps"),
                CompletedSteps = Number(root, "NumCompletedSteps"),
                CachedSteps = Number(root, "NumCachedSteps"),
                Error = error is { } message ? Text(message, "Message") : null,
                FailedStep = error is { } name ? Text(name, "Name") : null,
                BaseImages = root.TryGetProperty("Materials", out var materials) && materials.ValueKind == JsonValueKind.Array
                    ? MaterialImages.Of(materials.EnumerateArray()
                        .Where(material => material.ValueKind == JsonValueKind.Object && Text(material, "URI") is not null)
                        .Select(material => (Text(material, "URI")!, material.TryGetProperty("Digests", out var digests) && digests.ValueKind == JsonValueKind.Array
                            ? digests.EnumerateArray().Where(digest => digest.ValueKind == JsonValueKind.String).Select(digest => digest.GetString()!)
                            : [])))
                    : null,
            };
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;
}
