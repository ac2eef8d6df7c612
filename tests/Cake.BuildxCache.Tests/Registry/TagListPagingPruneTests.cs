using System.Globalization;
using System.Net;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The prune sees every tag or deletes nothing: the test's proxy pages the real registry's tag list (<c>?n=2</c>, see
/// <see cref="TagListPages"/>) with a <c>Link</c> header in another form RFC 8288 allows, or in one that leads off the
/// registry or cannot be read. A page not followed is a live tag not seen, and deleting by digest would take it with a stale twin.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class TagListPagingPruneTests : RealRegistryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [TestCase("<{0}> ; rel = \"next\"", TestName = "A_spaced_Link_is_followed_and_the_digest_shared_with_a_tag_on_the_last_page_stays")]
    [TestCase("<http://{1}{0}>;rel=next, <http://{1}/v2/>; rel=\"index\"", TestName = "An_absolute_Link_among_others_is_followed_and_the_digest_shared_with_a_tag_on_the_last_page_stays")]
    public async Task Shared_digest_on_the_last_page_stays(string form)
    {
        var repo = "paged-" + Guid.NewGuid().ToString("N")[..8] + "/cache";
        await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        await Content.TwinAsync(repo, "feature-gone", "release-1-0"); // sorted last: on the second page of two tags each
        using var proxy = RegistryProxy.Start(Server);
        var pages = 0;
        proxy.After = (request, response) =>
        {
            if (TagListPages.Apply(request, response, next => string.Format(CultureInfo.InvariantCulture, form, next, proxy.Host)))
            {
                Interlocked.Increment(ref pages);
            }

            return Task.FromResult<HttpStatusCode?>(null);
        };
        using var client = ClientOf(proxy);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{proxy.Host}/{repo}", Rules(), Confirm: true));

        TestContext.Out.WriteLine(string.Join("\n", result.Lines));
        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(2), "the listing spanned two pages");
            Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "main", "release-1-0" }));
            Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+feature-gone .*same manifest as 'release-1-0'"));
            Assert.That(proxy.Requests, Has.None.StartsWith("DELETE"));
        });
    }

    [TestCase("<http://127.0.0.1:9{0}>; rel=\"next\"", "linked to a next page on another origin (http://127.0.0.1:9)", TestName = "A_next_page_on_another_host")]
    [TestCase("<{0}>; rel=\"next\" <{0}>", "sent a Link header that cannot be read", TestName = "A_Link_off_the_grammar")]
    [TestCase("<{0}>; rel=\"next\", <{0}&again=1>; rel=\"next\"", "linked to 2 different next pages", TestName = "Two_different_next_pages")]
    [TestCase("</v2/{1}/tags/list?n=2>; rel=\"next\"", "linked back to a page of tags it already sent", TestName = "A_page_loop")]
    public async Task A_listing_that_cannot_be_shown_complete_deletes_nothing_and_says_why(string form, string why)
    {
        var repo = "incomplete-" + Guid.NewGuid().ToString("N")[..8] + "/cache";
        await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        await Content.PushCapturedAsync(repo, "release-1-0", "cache-manifest", Now.AddDays(-3));
        using var proxy = RegistryProxy.Start(Server);
        proxy.After = (request, response) =>
        {
            TagListPages.Apply(request, response, next => string.Format(CultureInfo.InvariantCulture, form, next, repo));
            return Task.FromResult<HttpStatusCode?>(null);
        };
        using var client = ClientOf(proxy);

        var failure = Assert.ThrowsAsync<RegistryException>(() => new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{proxy.Host}/{repo}", Rules(), Confirm: true)));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain(why).And.Contain("the tag list"));
            Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "main", "release-1-0" }));
            Assert.That(proxy.Requests, Has.None.StartsWith("DELETE"));
            Assert.That(proxy.Requests, Has.None.Contains("127.0.0.1:9"));
        });
    }

    private static CachePruneRules Rules() =>
        new(string.Empty, "main", new HashSet<string> { "main", "release-1-0" }, TimeSpan.FromDays(30), Now);

    private RegistryClient ClientOf(RegistryProxy proxy) =>
        new(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(proxy.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            TagPageSize = 2,
        });
}
