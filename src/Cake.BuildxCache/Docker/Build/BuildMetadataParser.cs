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
                BaseImages = BaseImages(root),
            };
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The <c>pkg:docker/…</c> materials of <c>buildx.build.provenance</c> (SLSA v0.2: <c>uri</c> and <c>digest.sha256</c>;
    /// v1: <c>resolvedDependencies</c>), by image: the purl's namespace/name and version (the tag) decoded.
    /// </summary>
    private static SortedDictionary<string, string>? BaseImages(JsonElement root)
    {
        if (!root.TryGetProperty("buildx.build.provenance", out var provenance) || provenance.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var materials = provenance.TryGetProperty("materials", out var v02) && v02.ValueKind == JsonValueKind.Array
            ? v02
            : provenance.TryGetProperty("buildDefinition", out var definition) && definition.ValueKind == JsonValueKind.Object
                && definition.TryGetProperty("resolvedDependencies", out var v1) && v1.ValueKind == JsonValueKind.Array
                ? v1
                : (JsonElement?)null;
        if (materials is not { } list)
        {
            return null;
        }

        var images = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var material in list.EnumerateArray())
        {
            if (material.ValueKind != JsonValueKind.Object || Text(material, "uri") is not { } uri || ImageOf(uri) is not { } image
                || !material.TryGetProperty("digest", out var digests) || digests.ValueKind != JsonValueKind.Object
                || Text(digests, "sha256") is not { } sha)
            {
                continue;
            }

            if (!images.TryGetValue(image, out var set))
            {
                images[image] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add("sha256:" + sha);
        }

        return new SortedDictionary<string, string>(images.ToDictionary(pair => pair.Key, pair => string.Join(",", pair.Value)), StringComparer.Ordinal);
    }

    private static string? ImageOf(string purl)
    {
        const string prefix = "pkg:docker/";
        if (!purl.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = purl[prefix.Length..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        rest = query < 0 ? rest : rest[..query];
        var at = rest.LastIndexOf('@');
        var name = Uri.UnescapeDataString(at < 0 ? rest : rest[..at]);
        var version = at < 0 ? string.Empty : Uri.UnescapeDataString(rest[(at + 1)..]);
        return name.Length == 0 ? null : version.Length == 0 || version.Contains(':', StringComparison.Ordinal) ? name : name + ":" + version;
    }

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
