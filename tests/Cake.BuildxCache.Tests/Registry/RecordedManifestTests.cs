using System.Text;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The record in a cache manifest's annotations, on the manifests BuildKit 0.32.2 pushed.</summary>
public sealed class RecordedManifestTests
{
    private const string Sha = "1a2b3c4d5e6f708192a3b4c5d6e7f80910a1b2c3";

    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "Fixtures", "registry-0.32", name + ".json"));

    [TestCase("cache-manifest", "BuildKitCacheManifest")]
    [TestCase("cache-index", "BuildKitCacheIndex")]
    public void A_recorded_cache_is_still_the_same_cache_with_the_record_in_its_annotations(string fixture, string kind)
    {
        var original = Fixture(fixture);
        Assert.That(RecordedManifest.Read(original), Is.Null, "BuildKit writes no record");

        var recorded = RecordedManifest.With(original, CacheRecord.Of(Sha).With("promoted", "2026-11-30T07:00:00Z"));

        var before = ManifestDocument.Parse(original, null);
        var after = ManifestDocument.Parse(recorded, null);
        Assert.That((after.Kind, after.MediaType), Is.EqualTo((Enum.Parse<ManifestKind>(kind), before.MediaType)));
        Assert.That(after.Blobs, Is.EqualTo(before.Blobs));
        Assert.That(RecordedManifest.Read(recorded)?.Commit, Is.EqualTo(Sha));
        Assert.That(RecordedManifest.Read(recorded)?.Fields["promoted"], Is.EqualTo("2026-11-30T07:00:00Z"));
        Assert.That(recorded, Is.Not.EqualTo(original), "another digest: deleting the commit ref's manifest leaves the branch ref's");
        Assert.That(Encoding.UTF8.GetString(recorded), Does.Contain(before.MediaType.Length > 0 ? before.MediaType : "schemaVersion"), "media types are written as they were ('+' not escaped)");
    }

    [Test]
    public void A_new_record_replaces_the_old_one_and_keeps_annotations_of_others()
    {
        var body = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"annotations":{"org.example.owner":"team","cake-buildxcache.commit":"%%","cake-buildxcache.stale":"x"},"layers":[]}""".Replace("%%", new string('b', 40), StringComparison.Ordinal));

        var recorded = Encoding.UTF8.GetString(RecordedManifest.With(body, CacheRecord.Of(Sha)));

        Assert.That(recorded, Does.Contain("\"org.example.owner\":\"team\"").And.Contain(Sha).And.Not.Contain("stale").And.Not.Contain(new string('b', 40)));
    }

    [Test]
    public void Something_that_is_no_JSON_object_has_no_record()
    {
        Assert.That(RecordedManifest.Read("[1,2]"u8), Is.Null);
        Assert.That(RecordedManifest.Read("not json"u8), Is.Null);
    }
}
