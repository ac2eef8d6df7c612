using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// Putting a tag back on its earlier index after a same-image push, on a real registry: only a tag that still holds
/// the pushed index moves, so a tag another run moved, before or while the restorer works, keeps the newer image.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class ImageTagRestorerTests : RealRegistryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_tag_that_still_holds_the_pushed_index_goes_back_to_its_earlier_one()
    {
        var (earlier, _) = await Content.PushImageAsync("app", "main", Monday);
        var (pushed, _) = await Content.PushImageAsync("app", "main", Monday.AddHours(1));
        using var client = Client();

        var results = await new ImageTagRestorer(client).RestoreAsync(pushed, [new($"{Server.Host}/app:main", earlier)]);

        Assert.That(results.Single().Restored, Is.True, results.Single().Reason);
        Assert.That(await DigestOfAsync(client, "main"), Is.EqualTo(earlier));
    }

    [Test]
    public async Task A_tag_another_run_moved_after_the_push_is_left_on_the_newer_image()
    {
        var (earlier, _) = await Content.PushImageAsync("app", "main", Monday);
        var (pushed, _) = await Content.PushImageAsync("app", "main", Monday.AddHours(1));
        var (newer, _) = await Content.PushImageAsync("app", "main", Monday.AddHours(2));
        using var client = Client();

        var results = await new ImageTagRestorer(client).RestoreAsync(pushed, [new($"{Server.Host}/app:main", earlier)]);

        Assert.That(results.Single().Restored, Is.False);
        Assert.That(results.Single().Reason, Does.Contain("another run moved it to " + newer));
        Assert.That(await DigestOfAsync(client, "main"), Is.EqualTo(newer));
    }

    [Test]
    public async Task A_tag_moved_while_the_restorer_reads_the_earlier_index_is_left_on_the_newer_image()
    {
        var (earlier, _) = await Content.PushImageAsync("app", "main", Monday);
        var (pushed, _) = await Content.PushImageAsync("app", "main", Monday.AddHours(1));
        string? newer = null;
        using var proxy = RegistryProxy.Start(Server);
        proxy.Before = async request =>
        {
            // Another run's push lands while the restorer fetches the index it would put back.
            if (newer is null && request.Method == "GET" && request.PathAndQuery.EndsWith("/manifests/" + earlier, StringComparison.Ordinal))
            {
                (newer, _) = await Content.PushImageAsync("app", "main", Monday.AddHours(2));
            }

            return null;
        };
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(proxy.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var results = await new ImageTagRestorer(client).RestoreAsync(pushed, [new($"{proxy.Host}/app:main", earlier)]);

        Assert.That(newer, Is.Not.Null, "the restorer never fetched the earlier index");
        Assert.That(results.Single().Restored, Is.False);
        using var direct = Client();
        Assert.That(await DigestOfAsync(direct, "main"), Is.EqualTo(newer));
    }

    private async Task<string?> DigestOfAsync(RegistryClient client, string tag) =>
        (await client.HeadManifestAsync(RepositoryReference.Parse($"{Server.Host}/app:{tag}")))?.Digest;
}
