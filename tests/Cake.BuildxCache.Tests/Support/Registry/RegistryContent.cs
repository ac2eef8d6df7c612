using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// Pushes test content to a real registry with plain HTTP API calls (no docker engine here): blobs by
/// monolithic upload, manifests by PUT. Builds the shapes the cache deals with: an image manifest with a
/// config that has <c>created</c>, BuildKit's cache as an OCI index or Docker manifest list whose entries are
/// layers plus the cache config (with <c>buildkit/createdat</c> annotations), and the <c>image-manifest=true</c> form.
/// </summary>
internal sealed class RegistryContent : IDisposable
{
    private readonly HttpClient http;
    private readonly RegistryServer server;

    public RegistryContent(RegistryServer server)
    {
        this.server = server;
        http = new(server.NewHandler()) { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The size of each cache layer pushed from now on; null for the small default (about 2 KiB).</summary>
    public int? CacheLayerSize { get; set; }

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<BlobDescriptor> PushBlobAsync(string repository, byte[] content, string mediaType)
    {
        var digest = DigestOf(content);
        using var start = new HttpRequestMessage(HttpMethod.Post, $"v2/{repository}/blobs/uploads/");
        start.Headers.Authorization = server.Authorization;
        using var started = await http.SendAsync(start);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), $"start upload to {repository}");
        var location = started.Headers.Location!;
        var upload = location.IsAbsoluteUri ? location : new Uri(server.BaseUri, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest)));
        put.Headers.Authorization = server.Authorization;
        put.Content = new ByteArrayContent(content);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await http.SendAsync(put);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"upload {digest} to {repository}");
        return new BlobDescriptor(digest, content.Length, mediaType);
    }

    public async Task<string> PushManifestAsync(string repository, string reference, string mediaType, JsonNode manifest)
    {
        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        using var put = new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{reference}");
        put.Headers.Authorization = server.Authorization;
        put.Content = new ByteArrayContent(body);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.SendAsync(put);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"PUT manifest {repository}:{reference}: {await response.Content.ReadAsStringAsync()}");
        return DigestOf(body);
    }

    /// <summary>An OCI image manifest with <paramref name="layerCount"/> random layers and a config whose <c>created</c> is given.</summary>
    public async Task<(string Digest, long Size)> PushImageAsync(string repository, string tag, DateTimeOffset created, int layerCount = 2, int layerSize = 3000)
    {
        var config = await PushBlobAsync(
            repository,
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { created = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ"), architecture = "amd64", os = "linux", rootfs = new { type = "layers", diff_ids = Array.Empty<string>() } })),
            MediaTypes.OciImageConfig);
        var layers = new List<BlobDescriptor>();
        for (var i = 0; i < layerCount; i++)
        {
            layers.Add(await PushBlobAsync(repository, RandomNumberGenerator.GetBytes(layerSize + i), "application/vnd.oci.image.layer.v1.tar+gzip"));
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = Descriptor(config),
            ["layers"] = new JsonArray([.. layers.Select(layer => (JsonNode)Descriptor(layer))]),
        };
        var digest = await PushManifestAsync(repository, tag, MediaTypes.OciManifest, manifest);
        return (digest, config.Size + layers.Sum(layer => layer.Size));
    }

    /// <summary>BuildKit's registry cache as an index (OCI or Docker manifest list): entries are layers + the cache config.</summary>
    public async Task<(string Digest, long Size)> PushCacheIndexAsync(string repository, string tag, IReadOnlyList<DateTimeOffset> layerTimes, bool oci = true, IReadOnlyList<BlobDescriptor>? sharedLayers = null)
    {
        var layers = await CacheLayersAsync(repository, layerTimes, sharedLayers);
        var config = await PushBlobAsync(repository, Encoding.UTF8.GetBytes($$"""{"layers":[],"records":[],"tag":"{{tag}}"}"""), MediaTypes.BuildKitCacheConfig);
        var mediaType = oci ? MediaTypes.OciIndex : MediaTypes.DockerManifestList;
        var entries = new JsonArray([.. layers.Select(layer => (JsonNode)layer.Node), Descriptor(config)]);
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = entries };
        var digest = await PushManifestAsync(repository, tag, mediaType, index);
        return (digest, config.Size + layers.Sum(layer => layer.Blob.Size));
    }

    /// <summary>BuildKit's registry cache as an OCI image manifest (<c>image-manifest=true</c>), optionally with a created annotation.</summary>
    public async Task<(string Digest, long Size)> PushCacheManifestAsync(string repository, string tag, IReadOnlyList<DateTimeOffset> layerTimes, DateTimeOffset? createdAnnotation = null)
    {
        var layers = await CacheLayersAsync(repository, layerTimes, null);
        var config = await PushBlobAsync(repository, Encoding.UTF8.GetBytes($$"""{"layers":[],"records":[],"manifest":"{{tag}}"}"""), MediaTypes.BuildKitCacheConfig);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["config"] = Descriptor(config),
            ["layers"] = new JsonArray([.. layers.Select(layer => (JsonNode)layer.Node)]),
        };
        if (createdAnnotation is { } created)
        {
            manifest["annotations"] = new JsonObject { ["org.opencontainers.image.created"] = Time(created) };
        }

        var digest = await PushManifestAsync(repository, tag, MediaTypes.OciManifest, manifest);
        return (digest, config.Size + layers.Sum(layer => layer.Blob.Size));
    }

    /// <summary>
    /// Pushes the shape of a manifest captured from BuildKit 0.32 (<c>Fixtures/registry-0.32/&lt;name&gt;.json</c>):
    /// same media types, annotations and structure, with fresh random blobs in place of the captured ones (their
    /// <c>buildkit/createdat</c> set to <paramref name="createdAt"/>). An index's child manifests are pushed from their own
    /// fixtures first, and an attestation's <c>subject</c> follows its image manifest.
    /// </summary>
    public async Task<string> PushCapturedAsync(string repository, string tag, string name, DateTimeOffset createdAt)
    {
        var pushed = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var (digest, _, _) = await PushCapturedAsync(repository, tag, name, createdAt, pushed);
        return digest;
    }

    /// <summary>
    /// Tags <paramref name="from"/>'s manifest, byte for byte, as <paramref name="to"/> too: what two branches' fully cached
    /// builds of one commit write (the same cache manifest under two tags).
    /// </summary>
    /// <returns>The digest both tags point at.</returns>
    public async Task<string> TwinAsync(string repository, string from, string to)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{from}");
        get.Headers.Authorization = server.Authorization;
        foreach (var type in MediaTypes.ManifestAccept)
        {
            get.Headers.Accept.ParseAdd(type);
        }

        using var response = await http.SendAsync(get);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {repository}:{from}");
        var body = await response.Content.ReadAsByteArrayAsync();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{to}");
        put.Headers.Authorization = server.Authorization;
        put.Content = new ByteArrayContent(body);
        put.Content.Headers.ContentType = response.Content.Headers.ContentType;
        using var done = await http.SendAsync(put);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"PUT {repository}:{to}");
        Assert.That(server.Digest(repository, to), Is.EqualTo(DigestOf(body)), "the twin is byte for byte the same manifest");
        return DigestOf(body);
    }

    /// <summary>
    /// Puts <paramref name="record"/> on the manifest <paramref name="tag"/> holds, as the module's record writer does
    /// (GET, the record into the top-level annotations, PUT under the same tag).
    /// </summary>
    /// <returns>The tag's new digest.</returns>
    public async Task<string> RecordAsync(string repository, string tag, CacheRecord record)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{tag}");
        get.Headers.Authorization = server.Authorization;
        foreach (var type in MediaTypes.ManifestAccept)
        {
            get.Headers.Accept.ParseAdd(type);
        }

        using var response = await http.SendAsync(get);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {repository}:{tag}");
        var body = RecordedManifest.With(await response.Content.ReadAsByteArrayAsync(), record);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{tag}");
        put.Headers.Authorization = server.Authorization;
        put.Content = new ByteArrayContent(body);
        put.Content.Headers.ContentType = response.Content.Headers.ContentType;
        using var done = await http.SendAsync(put);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"PUT {repository}:{tag}");
        return DigestOf(body);
    }

    public void Dispose() => http.Dispose();

    private static string CapturedPath(string name) =>
        Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "Fixtures", "registry-0.32", name + ".json");

    private async Task<(string Digest, long Size, string MediaType)> PushCapturedAsync(string repository, string reference, string name, DateTimeOffset createdAt, Dictionary<string, JsonObject> pushed)
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(CapturedPath(name)))!.AsObject();
        var mediaType = manifest["mediaType"]!.GetValue<string>();
        var children = new List<JsonObject>();
        if (manifest["config"] is JsonObject config)
        {
            children.Add(config);
        }

        children.AddRange((manifest["layers"] as JsonArray ?? []).OfType<JsonObject>());
        children.AddRange((manifest["manifests"] as JsonArray ?? []).OfType<JsonObject>());
        foreach (var child in children)
        {
            var old = child["digest"]!.GetValue<string>();
            var type = child["mediaType"]!.GetValue<string>();
            JsonObject replacement;
            if (pushed.TryGetValue(old, out var known))
            {
                replacement = known;
            }
            else if (MediaTypes.IsImageManifest(type))
            {
                // The index lists the image manifest before its attestation, whose subject needs the image's new digest.
                var file = child["annotations"]?["vnd.docker.reference.type"]?.GetValue<string>() == "attestation-manifest" ? "attestation-manifest" : "image-manifest";
                var (childDigest, childSize, _) = await PushCapturedAsync(repository, "", file, createdAt, pushed);
                replacement = new JsonObject { ["digest"] = childDigest, ["size"] = childSize };
            }
            else
            {
                var content = type == MediaTypes.BuildKitCacheConfig || type.EndsWith("config.v1+json", StringComparison.Ordinal)
                    ? Encoding.UTF8.GetBytes($$"""{"created":"{{Time(createdAt)}}","architecture":"amd64","os":"linux","nonce":"{{Guid.NewGuid():N}}"}""")
                    : RandomNumberGenerator.GetBytes((int)Math.Min(child["size"]!.GetValue<long>(), 4096) + 1);
                var blob = await PushBlobAsync(repository, content, type);
                replacement = new JsonObject { ["digest"] = blob.Digest, ["size"] = blob.Size };
            }

            pushed[old] = replacement;
            child["digest"] = replacement["digest"]!.GetValue<string>();
            child["size"] = replacement["size"]!.GetValue<long>();
            child.Remove("data");
            if (child["annotations"] is JsonObject annotations && annotations.ContainsKey("buildkit/createdat"))
            {
                annotations["buildkit/createdat"] = Time(createdAt);
            }
        }

        if (manifest["subject"] is JsonObject subject && pushed.TryGetValue(subject["digest"]!.GetValue<string>(), out var image))
        {
            subject["digest"] = image["digest"]!.GetValue<string>();
            subject["size"] = image["size"]!.GetValue<long>();
        }

        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var digest = await PushManifestAsync(repository, reference.Length == 0 ? DigestOf(body) : reference, mediaType, manifest);
        return (digest, body.Length, mediaType);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");

    /// <summary>The OCI descriptor of a pushed blob, as manifests list it.</summary>
    public static JsonObject Descriptor(BlobDescriptor blob) => new()
    {
        ["mediaType"] = blob.MediaType,
        ["digest"] = blob.Digest,
        ["size"] = blob.Size,
    };

    private async Task<List<(BlobDescriptor Blob, JsonObject Node)>> CacheLayersAsync(string repository, IReadOnlyList<DateTimeOffset> layerTimes, IReadOnlyList<BlobDescriptor>? shared)
    {
        var layers = new List<(BlobDescriptor, JsonObject)>();
        for (var i = 0; i < layerTimes.Count; i++)
        {
            var blob = shared is not null && i < shared.Count
                ? shared[i]
                : await PushBlobAsync(repository, RandomNumberGenerator.GetBytes((CacheLayerSize ?? 2048) + (i * 100)), "application/vnd.oci.image.layer.v1.tar+gzip");
            var node = Descriptor(blob);
            node["annotations"] = new JsonObject
            {
                ["buildkit/createdat"] = Time(layerTimes[i]),
                ["containerd.io/uncompressed"] = "sha256:" + new string('0', 64),
            };
            layers.Add((blob, node));
        }

        return layers;
    }
}
