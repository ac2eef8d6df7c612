using System.Net;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Registry;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The record of the default mode goes on the cache ref only while it holds the cache this build wrote.</summary>
public sealed class CacheRecordWriterTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}""";
    private static readonly string Written = "sha256:" + new string('1', 64);
    private static readonly CacheRecord Record = CacheInputs.Of([new("GIT_COMMIT", Commit)], ["GIT_COMMIT"], new RecordKey("a-record-key-of-the-tests-000000000000"), null).AddTo(CacheRecord.Of(Commit));

    private static StubHandler Registry(string heldDigest) => new((request, _) =>
        request.Method == HttpMethod.Put
            ? StubHandler.Answer(HttpStatusCode.Created, null, ("Docker-Content-Digest", "sha256:" + new string('2', 64)))
            : StubHandler.Answer(HttpStatusCode.OK, Manifest, ("Docker-Content-Digest", heldDigest)));

    [Test]
    public async Task Records_on_the_ref_that_holds_this_builds_cache()
    {
        var handler = Registry(Written);
        using var client = new RegistryClient(null, handler);

        var (digest, log) = await new CacheRecordWriter(client).WriteAsync("registry.example.com/app/cache:main", Written, Record);

        Assert.That(digest, Is.EqualTo("sha256:" + new string('2', 64)), log);
        Assert.That(handler.Requests.Select(request => request.Method.Method), Is.EqualTo(new[] { "GET", "PUT" }));
    }

    [Test]
    public async Task Leaves_a_ref_another_build_wrote_since_without_a_record()
    {
        var handler = Registry("sha256:" + new string('9', 64));
        using var client = new RegistryClient(null, handler);

        var (digest, log) = await new CacheRecordWriter(client).WriteAsync("registry.example.com/app/cache:main", Written, Record);

        Assert.That(digest, Is.Null);
        Assert.That(log, Does.Contain("another build wrote it since"));
        Assert.That(handler.Requests.Select(request => request.Method.Method), Is.EqualTo(new[] { "GET" }), "nothing is written");
    }
}
