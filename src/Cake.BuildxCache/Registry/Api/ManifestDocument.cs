using System.Globalization;
using System.Text.Json;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// What a manifest's JSON says, read without I/O: its kind, the blobs it references, when it was made, and what
/// the client still has to fetch (an image index's platform manifests, an image's configuration blob).
/// </summary>
/// <param name="MediaType">The media type (from the body, else the response's content type).</param>
/// <param name="Kind">What it is.</param>
/// <param name="Blobs">The blobs it references, without duplicates (none for an image index: its children hold them).</param>
/// <param name="Created">When it was made, when the JSON says so.</param>
/// <param name="CreatedFrom">Where <paramref name="Created"/> came from.</param>
/// <param name="Children">An image index's platform manifests to read, by digest (at most <see cref="MaxIndexChildren"/>).</param>
/// <param name="ConfigToRead">An image's configuration blob, whose <c>created</c> dates it when no annotation does; else null.</param>
internal sealed record ManifestDocument(
    string MediaType,
    ManifestKind Kind,
    IReadOnlyList<BlobDescriptor> Blobs,
    DateTimeOffset? Created,
    CreatedSource CreatedFrom,
    IReadOnlyList<string> Children,
    BlobDescriptor? ConfigToRead)
{
    /// <summary>An image configuration larger than this is not read for its date.</summary>
    public const long MaxConfigBytes = 4 * 1024 * 1024;

    /// <summary>An image index's children read at most.</summary>
    public const int MaxIndexChildren = 64;

    /// <summary>Reads a manifest or index.</summary>
    /// <param name="body">The JSON.</param>
    /// <param name="contentType">The response's content type, for a body that names no media type.</param>
    /// <returns>What it says.</returns>
    /// <exception cref="JsonException">When the body is not JSON.</exception>
    public static ManifestDocument Parse(ReadOnlyMemory<byte> body, string? contentType)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var mediaType = Text(root, "mediaType") ?? contentType ?? string.Empty;
        var created = Annotation(root, "org.opencontainers.image.created");
        var createdFrom = created is null ? CreatedSource.None : CreatedSource.Annotation;

        if (MediaTypes.IsIndex(mediaType) || (root.TryGetProperty("manifests", out _) && !root.TryGetProperty("layers", out _)))
        {
            var entries = Array(root, "manifests").ToList();
            var isImageIndex = entries.Count > 0 && entries.All(entry => MediaTypes.IsImageManifest(Text(entry, "mediaType")) || MediaTypes.IsIndex(Text(entry, "mediaType")));
            if (isImageIndex)
            {
                var children = entries.Take(MaxIndexChildren).Select(entry => Text(entry, "digest")).OfType<string>().ToList();
                return new(mediaType, ManifestKind.ImageIndex, [], created, createdFrom, children, null);
            }

            var blobs = entries.Select(Blob).OfType<BlobDescriptor>().DistinctBy(blob => blob.Digest).ToList();
            var kind = entries.Any(entry => Text(entry, "mediaType") == MediaTypes.BuildKitCacheConfig) ? ManifestKind.BuildKitCacheIndex : ManifestKind.Other;
            (created, createdFrom) = created is null ? NewestLayer(entries) : (created, createdFrom);
            return new(mediaType, kind, blobs, created, createdFrom, [], null);
        }

        var config = root.TryGetProperty("config", out var configElement) && configElement.ValueKind == JsonValueKind.Object ? configElement : (JsonElement?)null;
        var layers = Array(root, "layers").ToList();
        var referenced = new List<BlobDescriptor>();
        var configBlob = config is { } c ? Blob(c) : null;
        if (configBlob is not null)
        {
            referenced.Add(configBlob);
        }

        referenced.AddRange(layers.Select(Blob).OfType<BlobDescriptor>());
        var configType = config is { } cfg ? Text(cfg, "mediaType") : null;
        var manifestKind = configType == MediaTypes.BuildKitCacheConfig ? ManifestKind.BuildKitCacheManifest
            : configType is MediaTypes.OciImageConfig or MediaTypes.DockerImageConfig ? ManifestKind.Image
            : ManifestKind.Other;
        if (created is null && manifestKind == ManifestKind.BuildKitCacheManifest)
        {
            (created, createdFrom) = NewestLayer(layers);
        }

        var configToRead = created is null && manifestKind == ManifestKind.Image && configBlob is { Size: <= MaxConfigBytes } ? configBlob : null;
        return new(mediaType, manifestKind, referenced.DistinctBy(item => item.Digest).ToList(), created, createdFrom, [], configToRead);
    }

    /// <summary>The <c>created</c> time of an image configuration blob, or null when it has none or is not JSON.</summary>
    /// <param name="body">The configuration's JSON.</param>
    /// <returns>The time, UTC.</returns>
    public static DateTimeOffset? ConfigCreated(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return ParseTime(Text(document.RootElement, "created"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (DateTimeOffset? Created, CreatedSource From) NewestLayer(IEnumerable<JsonElement> descriptors)
    {
        var newest = descriptors.Select(descriptor => Annotation(descriptor, "buildkit/createdat")).Max();
        return newest is null ? (null, CreatedSource.None) : (newest, CreatedSource.NewestLayer);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime() : null;

    private static long SizeOf(JsonElement descriptor) =>
        descriptor.TryGetProperty("size", out var size) && size.TryGetInt64(out var value) && value >= 0 ? value : 0;

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static DateTimeOffset? Annotation(JsonElement element, string name) =>
        element.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            ? ParseTime(Text(annotations, name))
            : null;

    private static BlobDescriptor? Blob(JsonElement descriptor) =>
        Text(descriptor, "digest") is { Length: > 0 } digest ? new BlobDescriptor(digest, SizeOf(descriptor), Text(descriptor, "mediaType")) : null;
}
