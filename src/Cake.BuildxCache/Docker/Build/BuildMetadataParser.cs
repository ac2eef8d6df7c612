using System.Text.Json;

namespace Cake.BuildxCache.Docker.Build;

/// <summary>Reads the JSON buildx writes to <c>--metadata-file</c>.</summary>
public static class BuildMetadataParser
{
    /// <summary>Parses metadata JSON.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="FormatException">The text is not a JSON object.</exception>
    public static BuildMetadata Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The build metadata is not valid JSON: " + exception.Message, exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The build metadata is not a JSON object.");
            }

            var descriptor = root.TryGetProperty("containerimage.descriptor", out var d) && d.ValueKind == JsonValueKind.Object
                ? d
                : (JsonElement?)null;

            return new BuildMetadata
            {
                Digest = Text(root, "containerimage.digest"),
                ConfigDigest = Text(root, "containerimage.config.digest"),
                ImageNames = (Text(root, "image.name") ?? string.Empty)
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                BuildRef = Text(root, "buildx.build.ref"),
                MediaType = descriptor is { } md ? Text(md, "mediaType") : null,
                Size = descriptor is { } sd && sd.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : null,
                CacheManifestDigest = CacheManifestDigest(root),
            };
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>cache.manifest</c> is a JSON descriptor serialised into a string (or, in some versions, an object).</summary>
    private static string? CacheManifestDigest(JsonElement root)
    {
        if (!root.TryGetProperty("cache.manifest", out var manifest))
        {
            return null;
        }

        if (manifest.ValueKind == JsonValueKind.Object)
        {
            return Text(manifest, "digest");
        }

        if (manifest.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            using var inner = JsonDocument.Parse(manifest.GetString() ?? string.Empty);
            return inner.RootElement.ValueKind == JsonValueKind.Object ? Text(inner.RootElement, "digest") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
