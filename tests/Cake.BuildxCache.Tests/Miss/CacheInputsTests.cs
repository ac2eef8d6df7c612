using System.Text;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>What a cache was written with, through a cache record and a manifest's annotations.</summary>
public sealed class CacheInputsTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    [Test]
    public void Travels_through_a_record_in_the_manifest_and_never_holds_a_value()
    {
        const string secretish = "s3cr3t-value-of-a-build-arg";
        var inputs = CacheInputs.Of(
            [new("GIT_COMMIT", Commit), new("TOKENISH", secretish)],
            new Dictionary<string, string> { ["127.0.0.1:5000/base/busybox:1"] = "sha256:" + new string('a', 64) });
        var manifest = RecordedManifest.With(Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}"""), inputs.AddTo(CacheRecord.Of(Commit)));
        var text = Encoding.UTF8.GetString(manifest);

        var read = CacheInputs.From(RecordedManifest.Read(manifest));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(secretish));
            Assert.That(text, Does.Contain("cake-buildxcache.build-args").And.Contain("cake-buildxcache.base-images"));
            Assert.That(read.BuildArgs, Is.EqualTo(inputs.BuildArgs));
            Assert.That(read.BaseImages, Is.EqualTo(inputs.BaseImages));
            Assert.That(read.BuildArgs!["TOKENISH"], Does.Match("^sha256:[0-9a-f]{16}$"));
            Assert.That(CacheInputs.DigestOf("a"), Is.Not.EqualTo(CacheInputs.DigestOf("b")));
        });
    }

    [Test]
    public void A_record_without_the_fields_knows_nothing()
    {
        var read = CacheInputs.From(CacheRecord.Of(Commit).With("build-args", "not json"));

        Assert.That((read.BuildArgs, read.BaseImages), Is.EqualTo(((object?)null, (object?)null)));
    }
}
