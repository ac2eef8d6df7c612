using System.Net;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>
/// The record's PUT on a real registry behind a faulty proxy: a 503 after the write landed is not repeated over the
/// cache another build wrote in between.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class CacheRecordWriterRaceTests : RealRegistryTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset Written = new(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_503_after_the_PUT_is_read_again_and_another_builds_cache_is_left_as_it_is()
    {
        const string Repository = "record-503/cache";
        var ours = await Content.PushCacheManifestAsync(Repository, "main", [Written]);
        using var proxy = RegistryProxy.Start(Server);
        string? other = null;
        var first = 0;
        proxy.After = async (request, _) =>
        {
            if (request.Method == "PUT" && request.PathAndQuery == $"/v2/{Repository}/manifests/main" && Interlocked.Exchange(ref first, 1) == 0)
            {
                // The record landed; before the writer hears back, another build exports its cache to the same ref.
                other = (await Content.PushCacheManifestAsync(Repository, "main", [Written.AddMinutes(2)])).Digest;
                return HttpStatusCode.ServiceUnavailable;
            }

            return null;
        };
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(proxy.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var (digest, log) = await new CacheRecordWriter(client).WriteAsync($"{proxy.Host}/{Repository}:main", ours.Digest, CacheRecord.Of(Commit));

        var now = await client.GetManifestAsync(RepositoryReference.Parse($"{proxy.Host}/{Repository}:main"));
        Assert.That(digest, Is.Null, log);
        Assert.That(log, Does.Contain("no record written"));
        Assert.That(now!.Digest, Is.EqualTo(other), "the other build's cache stays");
        Assert.That(RecordedManifest.Read(now.Body), Is.Null);
    }
}
