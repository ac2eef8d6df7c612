using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>"image unchanged": the pushed image against what its tags pointed at before the push.</summary>
public sealed class ImageChangePolicyTests
{
    private const string Tag = "registry.example.com/app:main";
    private const string Image = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string OtherImage = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static string Index(string image, string attestation) => $$$"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{image}}}","size":1,"platform":{"architecture":"amd64","os":"linux"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{attestation}}}","size":1,"platform":{"architecture":"unknown","os":"unknown"},
           "annotations":{"vnd.docker.reference.digest":"{{{image}}}","vnd.docker.reference.type":"attestation-manifest"}}]}
        """;

    private static ImageIdentity IndexOf(string digest, string image, string attestation) =>
        ImageIdentity.Parse(digest, Encoding.UTF8.GetBytes(Index(image, attestation)));

    private static ImageIdentity Manifest(string digest) =>
        ImageIdentity.Parse(digest, Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}"""));

    [Test]
    public void An_index_is_its_image_manifests_without_the_attestation_manifests()
    {
        var identity = IndexOf("sha256:index", Image, "sha256:attestation");

        Assert.That(identity.ImageManifests, Is.EqualTo(new[] { Image }));
        Assert.That(identity.Attestations, Is.EqualTo(1));
        Assert.That(Manifest(Image).ImageManifests, Is.EqualTo(new[] { Image }), "a single manifest is its own image");
    }

    [Test]
    public void The_very_same_manifest_is_unchanged_and_moved_no_tag()
    {
        var change = ImageChangePolicy.Decide([new(Tag, Manifest(Image))], Manifest(Image));

        Assert.That((change.Kind, change.IsUnchanged), Is.EqualTo((ImageChangeKind.Unchanged, true)));
        Assert.That(change.Message, Is.EqualTo($"image unchanged: {Tag} already pointed at {Image}; the push moved no tag"));
    }

    [Test]
    public void The_same_image_in_a_new_attestation_index_is_unchanged_and_says_only_the_index_is_new()
    {
        var change = ImageChangePolicy.Decide([new(Tag, IndexOf("sha256:old-index", Image, "sha256:old-att"))], IndexOf("sha256:new-index", Image, "sha256:new-att"));

        Assert.That((change.Kind, change.IsUnchanged, change.KindText), Is.EqualTo((ImageChangeKind.SameImage, true, "same-image")));
        Assert.That(change.Message, Does.StartWith("image unchanged: the same image manifest " + Image).And.Contain("only the index is new"));
    }

    [Test]
    public void Another_image_is_changed_and_names_the_tag_that_moved()
    {
        var change = ImageChangePolicy.Decide([new(Tag, IndexOf("sha256:old-index", OtherImage, "sha256:a"))], IndexOf("sha256:new-index", Image, "sha256:b"));

        Assert.That((change.Kind, change.IsUnchanged), Is.EqualTo((ImageChangeKind.Changed, false)));
        Assert.That(change.Message, Is.EqualTo($"image changed: {Tag} was sha256:old-index, now sha256:new-index"));
    }

    [Test]
    public void Tags_that_did_not_exist_make_a_new_image_and_a_missing_tag_beside_an_equal_one_does_not_count()
    {
        Assert.That(ImageChangePolicy.Decide([new(Tag, null)], Manifest(Image)).Kind, Is.EqualTo(ImageChangeKind.New));

        var change = ImageChangePolicy.Decide([new(Tag, Manifest(Image)), new("registry.example.com/app:v2", null)], Manifest(Image));

        Assert.That(change.Kind, Is.EqualTo(ImageChangeKind.Unchanged));
        Assert.That(change.Previous.Select(pair => pair.Key), Is.EqualTo(new[] { Tag }));
    }

    [Test]
    public void The_JSON_report_says_whether_the_image_is_unchanged_and_what_the_tags_held()
    {
        var change = ImageChangePolicy.Decide([new(Tag, IndexOf("sha256:old-index", Image, "sha256:a"))], IndexOf("sha256:new-index", Image, "sha256:b"));

        using var json = JsonDocument.Parse(JsonReport.Render(BuildProgress.Parse(string.Empty), null, change));
        var image = json.RootElement.GetProperty("image");

        Assert.That(image.GetProperty("change").GetString(), Is.EqualTo("same-image"));
        Assert.That(image.GetProperty("unchanged").GetBoolean(), Is.True);
        Assert.That(image.GetProperty("digest").GetString(), Is.EqualTo("sha256:new-index"));
        Assert.That(image.GetProperty("previous")[0].GetProperty("digest").GetString(), Is.EqualTo("sha256:old-index"));
        Assert.That(image.GetProperty("message").GetString(), Does.StartWith("image unchanged"));
    }
}
