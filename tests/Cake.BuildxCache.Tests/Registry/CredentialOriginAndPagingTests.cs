using System.Net;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// Against a real registry with htpasswd auth: credentials go only to the registry's own
/// origin, whatever a redirect names; a <c>Link</c> to another origin, or one that never ends, fails the listing (in bounded time).
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class CredentialOriginAndPagingTests
{
    private const string Elsewhere = "http://127.0.0.1:9/";
    private RegistryServer server = null!;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        server = RegistryServer.Start();
        using var content = new RegistryContent(server);
        await content.PushCacheIndexAsync("origin/cache", "main", [DateTimeOffset.UtcNow]);
    }

    [OneTimeTearDown]
    public void StopRegistry() => server?.Dispose();

    [Test]
    public void A_Link_to_another_origin_fails_the_listing_and_nothing_is_sent_there()
    {
        using var handler = new InterceptingHandler
        {
            Rewrite = (request, response) =>
            {
                if (request.RequestUri!.Port == server.Port && response.IsSuccessStatusCode && request.RequestUri.AbsolutePath.EndsWith("/tags/list", StringComparison.Ordinal))
                {
                    response.Headers.TryAddWithoutValidation("Link", $"<{Elsewhere}v2/origin/cache/tags/list?last=main>; rel=\"next\"");
                }
            },
            Intercept = request => Task.FromResult(request.RequestUri!.Port == 9
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"name":"origin/cache","tags":["other"]}""") }
                : null),
        };
        using var client = Client(handler);

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(RepositoryReference.Parse($"{server.Host}/origin/cache")));

        Assert.That(failure!.Message, Does.Contain("linked to a next page on another origin (http://127.0.0.1:9)").And.Contain("cannot be shown to be complete"));
        Assert.That(handler.Sent.Where(sent => sent.Url.Port == 9), Is.Empty, "a page the registry does not vouch for is not asked for");
    }

    [Test]
    public async Task A_redirect_to_another_origin_gets_no_credentials_and_one_to_the_same_origin_keeps_them()
    {
        var digest = server.Digest("origin/cache", "main")!;
        using var handler = new InterceptingHandler
        {
            Intercept = request => Task.FromResult(request.RequestUri!.AbsolutePath switch
            {
                // The tag redirects to the digest on the same registry; the digest redirects to "storage" elsewhere.
                "/v2/origin/cache/manifests/main" when request.Headers.Authorization is not null => Redirect(new Uri(server.BaseUri, $"v2/origin/cache/manifests/{digest}?same=1")),
                var path when path.EndsWith(digest, StringComparison.Ordinal) && request.RequestUri.Query.Contains("same=1", StringComparison.Ordinal) && request.Headers.Authorization is not null
                    => Redirect(new Uri(Elsewhere + "storage/" + digest)),
                var path when path.StartsWith("/storage/", StringComparison.Ordinal) => new HttpResponseMessage(HttpStatusCode.NotFound),
                _ => null,
            }),
        };
        using var client = Client(handler);

        var info = await client.GetManifestInfoAsync(RepositoryReference.Parse($"{server.Host}/origin/cache:main"));

        Assert.That(info, Is.Null, "the storage host answered 404");
        Assert.That(handler.Sent.Single(sent => sent.Url.Query.Contains("same=1", StringComparison.Ordinal)).Authorization, Does.StartWith("Basic "));
        Assert.That(handler.Sent.Single(sent => sent.Url.Port == 9).Authorization, Is.Null);
    }

    [Test]
    public void A_Link_that_never_ends_fails_the_listing_instead_of_truncating_it()
    {
        var page = 0;
        using var handler = new InterceptingHandler
        {
            Rewrite = (request, response) =>
            {
                if (response.IsSuccessStatusCode && request.RequestUri!.AbsolutePath.EndsWith("/tags/list", StringComparison.Ordinal))
                {
                    response.Headers.TryAddWithoutValidation("Link", $"</v2/origin/cache/tags/list?n=1&last=page{Interlocked.Increment(ref page)}>; rel=\"next\"");
                }
            },
        };
        using var client = Client(handler, options => options with { MaxTagPages = 50 });

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(RepositoryReference.Parse($"{server.Host}/origin/cache")));

        Assert.That(failure!.Message, Does.Contain("sent more than 50 pages of tags for origin/cache").And.Contain("incomplete"));
    }

    [Test]
    public void A_listing_that_outlasts_the_overall_deadline_fails_naming_the_registry()
    {
        using var handler = new InterceptingHandler
        {
            Rewrite = (request, response) =>
            {
                if (response.IsSuccessStatusCode && request.RequestUri!.AbsolutePath.EndsWith("/tags/list", StringComparison.Ordinal))
                {
                    response.Headers.TryAddWithoutValidation("Link", $"</v2/origin/cache/tags/list?n=1&last={Guid.NewGuid():N}>; rel=\"next\"");
                }
            },
            Intercept = async _ =>
            {
                await Task.Delay(100);
                return null;
            },
        };
        using var client = Client(handler, options => options with { OperationDeadline = TimeSpan.FromSeconds(1) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(RepositoryReference.Parse($"{server.Host}/origin/cache")));

        Assert.That(failure!.Message, Does.Contain($"{server.Host} did not finish").And.Contain("within 1 s"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void A_manifest_check_and_a_delete_that_outlast_the_overall_deadline_fail_naming_the_registry()
    {
        // Each request is slower than the whole operation may take (the interceptor's delay ignores cancellation, so the
        // failure shows once it returns); without an overall deadline both would simply succeed late.
        using var handler = new InterceptingHandler
        {
            Intercept = async _ =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                return null;
            },
        };
        using var client = Client(handler, options => options with { OperationDeadline = TimeSpan.FromSeconds(1) });
        var reference = RepositoryReference.Parse($"{server.Host}/origin/cache:main");

        var head = Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(reference));
        var delete = Assert.ThrowsAsync<RegistryException>(() => client.DeleteManifestAsync(reference, "sha256:" + new string('a', 64)));

        Assert.That(head!.Message, Does.Contain($"{server.Host} did not finish").And.Contain("within 1 s"));
        Assert.That(delete!.Message, Does.Contain($"{server.Host} did not finish").And.Contain("within 1 s"));
    }

    private static HttpResponseMessage Redirect(Uri location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location = location;
        return response;
    }

    private RegistryClient Client(HttpMessageHandler handler, Func<RegistryClientOptions, RegistryClientOptions>? change = null)
    {
        var credentials = new ExplicitRegistryCredentials().Add(server.Host, new RegistryCredentials(server.User, new Secret(server.Password), "registry-user"));
        var options = new RegistryClientOptions { Credentials = credentials, RetryDelay = TimeSpan.FromMilliseconds(10) };
        return new RegistryClient(change is null ? options : change(options), handler);
    }
}
