using System.Diagnostics;
using System.Net;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The race tests' slow and faulty registry passes a real client's requests on, holds them, and fails them on cue.</summary>
[TestFixture]
[Category("Registry")]
public sealed class RegistryProxyTests : RealRegistryTests
{
    [Test]
    public async Task A_push_and_a_read_through_the_proxy_reach_the_registry_behind_it()
    {
        await Content.PushCapturedAsync("proxied/cache", "main", "cache-manifest", DateTimeOffset.UtcNow);
        using var proxy = RegistryProxy.Start(Server);
        using var client = ClientOf(proxy);

        var tags = await client.ListTagsAsync(RepositoryReference.Parse($"{proxy.Host}/proxied/cache"));

        Assert.That(tags, Is.EqualTo(new[] { "main" }));
        Assert.That(proxy.Requests, Has.Some.StartWith("GET /v2/proxied/cache/tags/list"));
    }

    [Test]
    public async Task A_held_request_is_answered_only_after_the_hold_and_a_replaced_status_reaches_the_client()
    {
        await Content.PushCapturedAsync("held/cache", "main", "cache-manifest", DateTimeOffset.UtcNow);
        using var proxy = RegistryProxy.Start(Server);
        proxy.Before = async request =>
        {
            if (request.PathAndQuery.Contains("/tags/list", StringComparison.Ordinal))
            {
                await Task.Delay(700);
            }

            return request.Method == "DELETE" ? HttpStatusCode.ServiceUnavailable : null;
        };
        using var client = ClientOf(proxy);
        var repository = RepositoryReference.Parse($"{proxy.Host}/held/cache");

        var clock = Stopwatch.StartNew();
        await client.ListTagsAsync(repository);
        var held = clock.Elapsed;
        var head = await client.HeadManifestAsync(repository.WithReference("main"));

        Assert.That(held, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(650)));
        Assert.That(head?.Digest, Does.StartWith("sha256:"));
        Assert.ThrowsAsync<RegistryException>(() => client.DeleteManifestAsync(repository, head!.Digest!));
        Assert.That(Server.Tags("held/cache"), Is.EqualTo(new[] { "main" }), "the proxy answered the DELETE itself");
    }

    private RegistryClient ClientOf(RegistryProxy proxy) =>
        new(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(proxy.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
}
