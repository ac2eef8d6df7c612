using System.Net;
using System.Text.Json;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The registry client reading the manifests BuildKit 0.32.2 really pushed (captured byte for byte from the
/// registry): the image index with its attestation manifest, and the cache as an image manifest (0.32's default)
/// and as an index (<c>image-manifest=false</c>, 0.11's only layout).
/// </summary>
public sealed class CapturedManifestTests
{
    private static string Text(string name) => Fixtures.Text(name, Fixtures.Buildx0361);

    private static JsonElement Json(string name) => JsonDocument.Parse(Text(name)).RootElement;

    private static BuildMetadata Warm => BuildMetadataParser.Parse(Text("build-metadata-warm.json"));

    /// <summary>Serves the captured files by path, as the registry did; everything else is 404.</summary>
    private static RegistryClient Client()
    {
        var index = Json("registry-app-index.json").GetProperty("manifests").EnumerateArray().ToList();
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/v2/sample/app/manifests/fixture"] = "registry-app-index.json",
            ["/v2/sample/app/manifests/" + index[0].GetProperty("digest").GetString()] = "registry-app-manifest.json",
            ["/v2/sample/app/manifests/" + index[1].GetProperty("digest").GetString()] = "registry-app-attestation-manifest.json",
            ["/v2/sample/cache/manifests/fixture"] = "registry-cache-manifest.json",
            ["/v2/sample/cache/manifests/index"] = "registry-cache-index.json",
        };
        var handler = new StubHandler((request, _) => files.TryGetValue(request.RequestUri!.AbsolutePath, out var file)
            ? StubHandler.Answer(HttpStatusCode.OK, Text(file))
            : StubHandler.Answer(HttpStatusCode.NotFound));
        return new RegistryClient(new RegistryClientOptions { MaxRetries = 0 }, handler);
    }

    [Test]
    public async Task The_default_cache_is_an_image_manifest_dated_by_its_newest_layer()
    {
        using var client = Client();

        var info = (await client.GetManifestInfoAsync(RepositoryReference.Parse("registry.example.com/sample/cache:fixture")))!;

        Assert.That(info.Kind, Is.EqualTo(ManifestKind.BuildKitCacheManifest));
        Assert.That(info.Digest, Is.EqualTo(Warm.CacheManifestDigest), "the digest of the served bytes is the one buildx reported");
        var manifest = Json("registry-cache-manifest.json");
        var layers = manifest.GetProperty("layers").EnumerateArray().ToList();
        Assert.That(info.Blobs.Select(blob => blob.Digest), Is.EqualTo(
            new[] { manifest.GetProperty("config").GetProperty("digest").GetString() }.Concat(layers.Select(layer => layer.GetProperty("digest").GetString()))));
        // Whole seconds are enough to tell the newest layer here (they were made seconds apart).
        var newest = layers.Select(layer => DateTimeOffset.Parse(layer.GetProperty("annotations").GetProperty("buildkit/createdat").GetString()![..19] + "Z", System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.That(info.CreatedFrom, Is.EqualTo(CreatedSource.NewestLayer));
        Assert.That(info.Created!.Value, Is.EqualTo(newest).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task The_cache_written_with_image_manifest_false_is_an_index()
    {
        using var client = Client();

        var info = (await client.GetManifestInfoAsync(RepositoryReference.Parse("registry.example.com/sample/cache:index")))!;

        Assert.That(info.Kind, Is.EqualTo(ManifestKind.BuildKitCacheIndex));
        Assert.That(info.IsBuildKitCache, Is.True);
        Assert.That(info.Blobs, Has.Count.EqualTo(Json("registry-cache-index.json").GetProperty("manifests").GetArrayLength()));
        Assert.That(info.Blobs.Select(blob => blob.MediaType), Does.Contain(MediaTypes.BuildKitCacheConfig));
        Assert.That(info.CreatedFrom, Is.EqualTo(CreatedSource.NewestLayer));
    }

    [Test]
    public async Task The_image_index_holds_the_image_and_its_provenance_attestation()
    {
        using var client = Client();

        var info = (await client.GetManifestInfoAsync(RepositoryReference.Parse("registry.example.com/sample/app:fixture")))!;

        Assert.That(info.Kind, Is.EqualTo(ManifestKind.ImageIndex));
        Assert.That(info.Digest, Is.EqualTo(Warm.Digest));
        Assert.That(info.IsBuildKitCache, Is.False);
        var attestation = Json("registry-app-attestation-manifest.json");
        Assert.That(attestation.GetProperty("artifactType").GetString(), Is.EqualTo("application/vnd.docker.attestation.manifest.v1+json"));
        var blobs = info.Blobs.Select(blob => blob.Digest).ToList();
        Assert.That(blobs, Does.Contain(attestation.GetProperty("subject").GetProperty("digest").GetString()), "the image manifest");
        Assert.That(blobs, Does.Contain(attestation.GetProperty("layers")[0].GetProperty("digest").GetString()), "the in-toto provenance");
        Assert.That(blobs, Is.Unique);
    }
}
