using System.Net;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The prune against a registry that changes while it runs: the real registry behind the test's slow proxy, which holds
/// the last tag listing (the one just before deleting) while the test pushes as a build would.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class PruneRaceTests : RealRegistryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task A_kept_tag_moved_onto_the_doomed_digest_during_the_prune_survives_and_the_log_says_why()
    {
        var repo = "moved-kept/cache";
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        var doomed = await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        using var proxy = RegistryProxy.Start(Server);
        var phase = new ListingPhase();
        proxy.Before = async request =>
        {
            // The listing after the reads is the last before deleting: main is built meanwhile from the same commit as
            // the gone branch, and BuildKit writes the byte-identical cache manifest under main.
            if (phase.Next(request) == 1)
            {
                await Content.TwinAsync(repo, "feature-gone", "main");
            }

            return null;
        };
        using var client = ClientOf(proxy);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{proxy.Host}/{repo}", Rules(), Confirm: true));

        TestContext.Out.WriteLine(string.Join("\n", result.Lines));
        Assert.Multiple(() =>
        {
            Assert.That(phase.LastListings, Is.GreaterThanOrEqualTo(1));
            Assert.That(result.Lines, Has.Some.Match(@"^  delete\s+feature-gone .*no branch has the slug 'feature-gone'"), "the decision was to delete it");
            Assert.That(Server.Digest(repo, "main"), Is.EqualTo(doomed), "main answers with the manifest it was moved onto");
            Assert.That(result.Lines, Has.Some.EqualTo($"  skipped feature-gone ({doomed}): 'main', which stays, points at it now (re-read after the last listing)"));
            Assert.That(proxy.Requests, Has.None.StartsWith("DELETE"));
            Assert.That(result.Succeeded, Is.True);
        });
    }

    [Test]
    public async Task A_kept_tag_that_cannot_be_read_again_before_deleting_stops_every_deletion()
    {
        var repo = "reread-fails/cache";
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        using var proxy = RegistryProxy.Start(Server);
        var phase = new ListingPhase();
        proxy.Before = request =>
        {
            // After the last listing, main's re-read fails.
            phase.Next(request);
            var failMain = phase.LastListings > 0 && request.PathAndQuery.EndsWith("/manifests/main", StringComparison.Ordinal);
            return Task.FromResult<HttpStatusCode?>(failMain ? HttpStatusCode.InternalServerError : null);
        };
        using var client = ClientOf(proxy);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{proxy.Host}/{repo}", Rules(), Confirm: true));

        Assert.Multiple(() =>
        {
            Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "main" }), string.Join("\n", result.Lines));
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Failures, Has.One.StartsWith($"could not read the tags of {proxy.Host}/{repo} again before deleting, so nothing was deleted"));
            Assert.That(proxy.Requests, Has.None.StartsWith("DELETE"));
        });
    }

    /// <summary>
    /// Why the prune deletes by digest, with its re-read, rather than by tag (which would leave a tag moved onto the
    /// manifest alone): Debian's registry (distribution 2.8) has no tag deletion and answers 400 DIGEST_INVALID.
    /// </summary>
    [Test]
    public async Task Debians_registry_refuses_a_DELETE_by_tag()
    {
        var repo = "delete-by-tag/cache";
        var digest = await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"v2/{repo}/manifests/feature-gone");
        request.Headers.Authorization = Server.Authorization;

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("DIGEST_INVALID"));
        Assert.That(Server.Digest(repo, "feature-gone"), Is.EqualTo(digest), "the tag is still there");
    }

    private static CachePruneRules Rules() => new(string.Empty, "main", new HashSet<string> { "main" }, TimeSpan.FromDays(30), Now);

    private RegistryClient ClientOf(RegistryProxy proxy) =>
        new(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(proxy.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetries = 0,
        });

    /// <summary>Tells the listing before deleting from the first one: it is a tag listing after manifests were read.</summary>
    private sealed class ListingPhase
    {
        private int read;
        private int last;

        /// <summary>Gets how many tag listings came after the reads.</summary>
        public int LastListings => Volatile.Read(ref last);

        /// <summary>Notes a request; returns the number of this listing after the reads (1 for the first), else 0.</summary>
        public int Next(ProxiedRequest request)
        {
            if (request.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref read, 1);
                return 0;
            }

            return request.Method == "GET" && request.PathAndQuery.Contains("/tags/list", StringComparison.Ordinal) && Volatile.Read(ref read) == 1
                ? Interlocked.Increment(ref last)
                : 0;
        }
    }
}
