using System.Text.Json;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>Reads the JSON array <c>docker context inspect</c> prints.</summary>
public static class DockerContextInfoParser
{
    /// <summary>Parses inspect output.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The first context, or <c>null</c> when the array is empty.</returns>
    /// <exception cref="FormatException">The text is not a JSON array.</exception>
    public static DockerContextInfo? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("docker context inspect did not print a JSON array.");
            }

            foreach (var context in document.RootElement.EnumerateArray())
            {
                var docker = context.TryGetProperty("Endpoints", out var endpoints)
                    && endpoints.ValueKind == JsonValueKind.Object
                    && endpoints.TryGetProperty("docker", out var d)
                        ? d
                        : default;
                return new DockerContextInfo(
                    Text(context, "Name") ?? string.Empty,
                    context.TryGetProperty("Metadata", out var metadata) ? Text(metadata, "Description") : null,
                    Text(docker, "Host"),
                    docker.ValueKind == JsonValueKind.Object
                        && docker.TryGetProperty("SkipTLSVerify", out var skip)
                        && skip.ValueKind == JsonValueKind.True);
            }

            return null;
        }
        catch (JsonException exception)
        {
            throw new FormatException("docker context inspect did not print JSON: " + exception.Message, exception);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
