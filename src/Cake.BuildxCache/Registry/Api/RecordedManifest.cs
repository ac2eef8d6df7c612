using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Puts a <see cref="CacheRecord"/> into a cache manifest's top-level <c>annotations</c> and reads it back, without I/O.
/// Everything else in the manifest is kept as it is: the layers, the cache config and annotations of other owners.
/// </summary>
internal static class RecordedManifest
{
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest with <paramref name="record"/> as its record: earlier record annotations are replaced.</summary>
    /// <param name="body">A manifest or index (JSON object).</param>
    /// <param name="record">The record.</param>
    /// <returns>The new manifest's bytes (another digest than the original's).</returns>
    /// <exception cref="JsonException">When the body is not a JSON object.</exception>
    public static byte[] With(ReadOnlySpan<byte> body, CacheRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("the manifest is not a JSON object");
        var annotations = root["annotations"] as JsonObject ?? [];
        root.Remove("annotations");
        foreach (var key in annotations.Select(pair => pair.Key).Where(key => key.StartsWith(CacheRecord.AnnotationPrefix, StringComparison.Ordinal)).ToList())
        {
            annotations.Remove(key);
        }

        foreach (var (key, value) in record.ToAnnotations())
        {
            annotations[key] = value;
        }

        root["annotations"] = annotations;
        // Written as registries and BuildKit write JSON ('+' in a media type stays '+', not \u002B).
        return JsonSerializer.SerializeToUtf8Bytes(root, WriteOptions);
    }

    /// <summary>The record in a manifest's top-level annotations, or null.</summary>
    /// <param name="body">A manifest or index.</param>
    /// <returns>The record, or null when there is none (or the body is no JSON object).</returns>
    public static CacheRecord? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } root && root["annotations"] is JsonObject annotations
                ? CacheRecord.FromAnnotations(annotations
                    .Where(pair => pair.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    .Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value!.GetValue<string>())))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
