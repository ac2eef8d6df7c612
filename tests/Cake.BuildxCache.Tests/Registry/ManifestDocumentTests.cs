using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>What a manifest says, read from the manifests BuildKit 0.32.2 pushed, with no registry in between.</summary>
public sealed class ManifestDocumentTests
{
    private static ManifestDocument Read(string name) =>
        ManifestDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "Fixtures", "registry-0.32", name + ".json")), null);

    [Test]
    public void The_default_cache_is_an_image_manifest_with_the_cache_config_dated_by_its_newest_layer()
    {
        var manifest = Read("cache-manifest");

        Assert.That(manifest.Kind, Is.EqualTo(ManifestKind.BuildKitCacheManifest));
        Assert.That(manifest.Blobs, Has.Count.EqualTo(4), "the cache config and three layers");
        Assert.That((manifest.Created, manifest.CreatedFrom), Is.EqualTo(((DateTimeOffset?)DateTimeOffset.Parse("2026-11-30T00:59:08.760451541Z", System.Globalization.CultureInfo.InvariantCulture), CreatedSource.NewestLayer)));
        Assert.That((manifest.Children, manifest.ConfigToRead), Is.EqualTo((Array.Empty<string>(), (BlobDescriptor?)null)), "nothing more to fetch");
    }

    [Test]
    public void The_cache_as_an_index_lists_its_layers_and_cache_config()
    {
        var manifest = Read("cache-index");

        Assert.That(manifest.Kind, Is.EqualTo(ManifestKind.BuildKitCacheIndex));
        Assert.That(manifest.Blobs, Has.Count.EqualTo(4));
        Assert.That(manifest.CreatedFrom, Is.EqualTo(CreatedSource.NewestLayer));
        Assert.That(manifest.Children, Is.Empty, "its entries are blobs, not manifests to read");
    }

    [Test]
    public void An_image_index_names_its_platform_manifests_for_the_client_to_read()
    {
        var manifest = Read("image-index");

        Assert.That(manifest.Kind, Is.EqualTo(ManifestKind.ImageIndex));
        Assert.That(manifest.Children, Is.EqualTo(new[]
        {
            "sha256:473c56857f0810fe5677812dff21ab19884dc84ed0c1f4caacd0a06d40d05cd6",
            "sha256:3f2d946e603c3f08d65b4731f5a1c71f907c1bb5f22d5cd1906e7477c51d4fab",
        }));
        Assert.That(manifest.Blobs, Is.Empty);
    }

    [Test]
    public void An_image_manifest_without_a_date_asks_for_its_config_and_the_config_dates_it()
    {
        var manifest = Read("image-manifest");

        Assert.That(manifest.Kind, Is.EqualTo(ManifestKind.Image));
        Assert.That(manifest.ConfigToRead?.MediaType, Is.EqualTo("application/vnd.oci.image.config.v1+json"));
        Assert.That(ManifestDocument.ConfigCreated("""{"created":"2026-11-30T00:59:07Z"}"""u8.ToArray()), Is.EqualTo(new DateTimeOffset(2026, 11, 30, 0, 59, 7, TimeSpan.Zero)));
        Assert.That(ManifestDocument.ConfigCreated("not json"u8.ToArray()), Is.Null);
    }

    [Test]
    public void An_attestation_manifest_is_neither_an_image_nor_a_cache()
    {
        Assert.That(Read("attestation-manifest").Kind, Is.EqualTo(ManifestKind.Other));
    }

    [Test]
    public void A_body_that_names_no_media_type_takes_the_response_content_type()
    {
        var manifest = ManifestDocument.Parse("""{"manifests":[]}"""u8.ToArray(), "application/vnd.oci.image.index.v1+json");

        Assert.That((manifest.MediaType, manifest.Kind), Is.EqualTo(("application/vnd.oci.image.index.v1+json", ManifestKind.Other)));
    }
}
