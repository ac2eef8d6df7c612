using System.Security.Cryptography;
using System.Text;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>What a cache was written with, through a cache record and a manifest's annotations.</summary>
public sealed class CacheInputsTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly RecordKey Key = new("a-record-key-of-the-tests-000000000000");

    [Test]
    public void Travels_through_a_record_in_the_manifest_with_keyed_digests_of_the_recorded_arguments_only()
    {
        const string value = "a-value-of-a-build-arg";
        var inputs = CacheInputs.Of(
            [new("GIT_COMMIT", Commit), new("VERSION", value), new("UNDECLARED", value)],
            ["GIT_COMMIT", "VERSION"],
            Key,
            new Dictionary<string, string> { ["127.0.0.1:5000/base/busybox:1"] = "sha256:" + new string('a', 64) });
        var manifest = RecordedManifest.With(Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}"""), inputs.AddTo(CacheRecord.Of(Commit)));
        var text = Encoding.UTF8.GetString(manifest);

        var read = CacheInputs.From(RecordedManifest.Read(manifest));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(value));
            Assert.That(text, Does.Not.Contain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16]), "no unkeyed digest");
            Assert.That(text, Does.Contain("cake-buildxcache.build-args").And.Contain("cake-buildxcache.base-images").And.Contain("cake-buildxcache.build-args-key"));
            Assert.That(read.BuildArgs, Is.EqualTo(inputs.BuildArgs));
            Assert.That(read.BuildArgs!.Keys, Is.EquivalentTo(new[] { "GIT_COMMIT", "VERSION" }));
            Assert.That(read.BuildArgsKey, Is.EqualTo(Key.Id));
            Assert.That(read.BaseImages, Is.EqualTo(inputs.BaseImages));
            Assert.That(read.BuildArgs!["VERSION"], Does.Match("^hmac-sha256:[0-9a-f]{16}$"));
        });
    }

    [Test]
    public void A_digest_depends_on_the_key_and_the_value_and_the_key_id_on_the_key_alone()
    {
        var other = new RecordKey("another-record-key-of-the-tests-00000000");

        Assert.Multiple(() =>
        {
            Assert.That(Key.Digest("a"), Is.EqualTo(new RecordKey("a-record-key-of-the-tests-000000000000").Digest("a")));
            Assert.That(Key.Digest("a"), Is.Not.EqualTo(Key.Digest("b")));
            Assert.That(Key.Digest("a"), Is.Not.EqualTo(other.Digest("a")));
            Assert.That(Key.Id, Is.Not.EqualTo(other.Id));
        });
    }

    [Test]
    public void Without_a_key_no_build_argument_is_recorded()
    {
        var record = CacheInputs.Of([new("VERSION", "1")], ["VERSION"], null, null).AddTo(CacheRecord.Of(Commit));

        Assert.That(record.Fields.Keys, Is.Empty);
        Assert.That(CacheInputs.From(record).BuildArgs, Is.Null);
    }

    [Test]
    public void A_record_without_the_fields_knows_nothing()
    {
        var read = CacheInputs.From(CacheRecord.Of(Commit).With("build-args", "not json"));

        Assert.That((read.BuildArgs, read.BuildArgsKey, read.BaseImages), Is.EqualTo(((object?)null, (object?)null, (object?)null)));
    }
}
