using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The client against a real registry (distribution 2.8 with htpasswd Basic auth) on 127.0.0.1.</summary>
[TestFixture]
[Category("Registry")]
public sealed class RegistryClientRealRegistryTests : RealRegistryTests
{
    private static readonly DateTimeOffset ImageCreated = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private List<string> log = null!;

    [SetUp]
    public void ClearLog() => log = [];

    [Test]
    public async Task Tags_that_exist_are_found_with_the_manifest_accept_headers_and_missing_ones_are_not()
    {
        var image = await Content.PushImageAsync("exists/app", "1.0", ImageCreated);
        var cache = await Content.PushCacheIndexAsync("exists/app/cache", "main", [ImageCreated]);
        using var client = Client(log: log.Add);

        var imageHead = await client.HeadManifestAsync(Ref("exists/app:1.0"));
        var cacheHead = await client.HeadManifestAsync(Ref("exists/app/cache:main"));

        Assert.Multiple(() =>
        {
            Assert.That(imageHead?.Digest, Is.EqualTo(image.Digest));
            Assert.That(imageHead?.MediaType, Is.EqualTo(MediaTypes.OciManifest));
            Assert.That(cacheHead?.Digest, Is.EqualTo(cache.Digest), "an OCI index is only served to a client that accepts it");
            Assert.That(cacheHead?.MediaType, Is.EqualTo(MediaTypes.OciIndex));
        });
        Assert.Multiple(async () =>
        {
            Assert.That(await client.ExistsAsync(Ref("exists/app/cache:feature-x")), Is.False, "missing tag");
            Assert.That(await client.ExistsAsync(Ref("exists/nothing-here:main")), Is.False, "missing repository");
        });
    }

    [Test]
    public async Task Tags_are_listed()
    {
        foreach (var tag in new[] { "main", "feature-a", "feature-b", "cache-x" })
        {
            await Content.PushCacheIndexAsync("listing/cache", tag, [ImageCreated]);
        }

        using var client = Client(log: log.Add);
        var tags = await client.ListTagsAsync(Ref("listing/cache"));

        Assert.That(tags, Is.EquivalentTo(new[] { "main", "feature-a", "feature-b", "cache-x" }));
        Assert.That(await client.ListTagsAsync(Ref("listing/none")), Is.Empty, "a repository that does not exist has no tags");
    }

    [Test]
    public async Task An_image_manifest_gives_digest_size_of_config_and_layers_and_the_config_created_time()
    {
        var image = await Content.PushImageAsync("info/app", "v1", ImageCreated, layerCount: 3);
        using var client = Client(log: log.Add);

        var info = await client.GetManifestInfoAsync(Ref("info/app:v1"));

        Assert.That(info, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(info!.Digest, Is.EqualTo(image.Digest));
            Assert.That(info.Kind, Is.EqualTo(ManifestKind.Image));
            Assert.That(info.Size, Is.EqualTo(image.Size));
            Assert.That(info.Blobs, Has.Count.EqualTo(4));
            Assert.That(info.Created, Is.EqualTo(ImageCreated));
            Assert.That(info.CreatedFrom, Is.EqualTo(CreatedSource.Config));
        });
    }

    [TestCase(true, TestName = "A BuildKit cache OCI index sums its listed layers and takes the newest layer time")]
    [TestCase(false, TestName = "A BuildKit cache Docker manifest list sums its listed layers and takes the newest layer time")]
    public async Task Cache_index(bool oci)
    {
        var times = new[] { ImageCreated, ImageCreated.AddDays(3), ImageCreated.AddDays(1) };
        var cache = await Content.PushCacheIndexAsync("info/cache", oci ? "oci" : "docker", times, oci);
        using var client = Client(log: log.Add);

        var info = await client.GetManifestInfoAsync(Ref("info/cache:" + (oci ? "oci" : "docker")));

        Assert.Multiple(() =>
        {
            Assert.That(info!.Digest, Is.EqualTo(cache.Digest));
            Assert.That(info.Kind, Is.EqualTo(ManifestKind.BuildKitCacheIndex));
            Assert.That(info.IsBuildKitCache, Is.True);
            Assert.That(info.MediaType, Is.EqualTo(oci ? MediaTypes.OciIndex : MediaTypes.DockerManifestList));
            Assert.That(info.Size, Is.EqualTo(cache.Size));
            Assert.That(info.Created, Is.EqualTo(ImageCreated.AddDays(3)));
            Assert.That(info.CreatedFrom, Is.EqualTo(CreatedSource.NewestLayer));
        });
    }

    [Test]
    public async Task A_cache_image_manifest_takes_the_created_annotation_over_layer_times()
    {
        var annotated = ImageCreated.AddDays(5);
        var cache = await Content.PushCacheManifestAsync("info/cache-manifest", "main", [ImageCreated], annotated);
        await Content.PushCacheManifestAsync("info/cache-manifest", "plain", [ImageCreated, ImageCreated.AddHours(2)]);
        using var client = Client(log: log.Add);

        var info = await client.GetManifestInfoAsync(Ref("info/cache-manifest:main"));
        var plain = await client.GetManifestInfoAsync(Ref("info/cache-manifest:plain"));

        Assert.Multiple(() =>
        {
            Assert.That(info!.Kind, Is.EqualTo(ManifestKind.BuildKitCacheManifest));
            Assert.That(info.Size, Is.EqualTo(cache.Size));
            Assert.That(info.Created, Is.EqualTo(annotated));
            Assert.That(info.CreatedFrom, Is.EqualTo(CreatedSource.Annotation));
            Assert.That(plain!.Created, Is.EqualTo(ImageCreated.AddHours(2)));
            Assert.That(plain.CreatedFrom, Is.EqualTo(CreatedSource.NewestLayer));
        });
        Assert.That(await client.GetManifestInfoAsync(Ref("info/cache-manifest:absent")), Is.Null);
    }

    [Test]
    public async Task Deleting_by_digest_removes_the_tag_and_a_second_delete_says_it_is_gone()
    {
        var cache = await Content.PushCacheIndexAsync("delete/cache", "feature-old", [ImageCreated]);
        await Content.PushCacheIndexAsync("delete/cache", "main", [ImageCreated]);
        using var client = Client(log: log.Add);

        var deleted = await client.DeleteManifestAsync(Ref("delete/cache"), cache.Digest);
        var again = await client.DeleteManifestAsync(Ref("delete/cache"), cache.Digest);

        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.True);
            Assert.That(again, Is.False);
            Assert.That(Server.Tags("delete/cache"), Is.EqualTo(new[] { "main" }));
        });
        Assert.That(() => client.DeleteManifestAsync(Ref("delete/cache"), "main"), Throws.ArgumentException, "delete takes a digest, never a tag");
    }

    [Test]
    public async Task Anonymous_access_to_a_registry_that_needs_a_login_fails_with_a_clear_message()
    {
        using var client = new RegistryClient(new RegistryClientOptions { Log = log.Add });

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ExistsAsync(Ref("anon/app:main")));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.Unauthorized));
        Assert.That(failure.Message, Does.Contain(Server.Host).And.Contain("no credentials were found"));
    }

    [Test]
    public async Task A_wrong_password_is_refused_naming_the_user_and_never_the_password()
    {
        const string wrong = "not-the-Right-pw-42";
        var credentials = new ExplicitRegistryCredentials().Add(Server.Host, new RegistryCredentials(Server.User, new Secret(wrong), "registry-user"));
        using var client = new RegistryClient(new RegistryClientOptions { Credentials = credentials, Log = log.Add, MaxRetries = 0 });

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(Ref("wrong/app")));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.Unauthorized));
        Assert.That(failure.Message, Does.Contain(Server.User).And.Contain("registry-user"));
        AssertNoSecret(failure.ToString() + string.Join("\n", log), wrong);
        await Task.CompletedTask;
    }

    [Test]
    public async Task Credentials_come_from_the_docker_config()
    {
        await Content.PushCacheIndexAsync("config/cache", "main", [ImageCreated]);
        using var dockerConfig = new TemporaryDirectory();
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Server.User + ":" + Server.Password));
        dockerConfig.Write("config.json", System.Text.Json.JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { ["http://" + Server.Host] = new { auth } } }));
        var credentials = new ChainedRegistryCredentials(new ExplicitRegistryCredentials(), new DockerConfigCredentials(dockerConfig.Path));
        using var client = new RegistryClient(new RegistryClientOptions { Credentials = credentials, Log = log.Add });

        Assert.That(await client.ExistsAsync(Ref("config/cache:main")), Is.True);
        Assert.That(log, Has.Some.Contains("-> 401"), "anonymous first, then the registry's challenge");
        AssertNoSecret(string.Join("\n", log), Server.Password);
    }

    [Test]
    public async Task After_the_first_challenge_the_client_authenticates_up_front()
    {
        await Content.PushCacheIndexAsync("upfront/cache", "main", [ImageCreated]);
        using var client = Client(log: log.Add);

        await client.ExistsAsync(Ref("upfront/cache:main"));
        await client.ExistsAsync(Ref("upfront/cache:other"));
        await client.ListTagsAsync(Ref("upfront/cache"));

        Assert.That(log.Count(line => line.EndsWith("-> 401", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", log));
    }

    [Test]
    public void A_registry_that_does_not_listen_is_unreachable_after_the_bounded_retries()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var client = new RegistryClient(new RegistryClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(10), Log = log.Add });

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ExistsAsync(Ref($"127.0.0.1:{port}/app/cache:main")));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.Unreachable));
        Assert.That(failure.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("after 3 attempts"));
        Assert.That(log.Count(line => line.Contains("failed (attempt", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public async Task The_cache_ref_checker_reports_exists_missing_and_unknown()
    {
        await Content.PushCacheIndexAsync("checker/cache", "main", [ImageCreated]);
        using var client = Client(log: log.Add);
        var checker = new CacheRefChecker(client);

        var checks = await checker.CheckAsync([$"{Server.Host}/checker/cache:feature-x", $"{Server.Host}/checker/cache:main", "127.0.0.1:1/app/cache:main"]);

        Assert.That(checks.Select(check => check.Status), Is.EqualTo(new[] { CacheRefStatus.Missing, CacheRefStatus.Exists, CacheRefStatus.Unknown }));
        Assert.That(checks[2].Detail, Does.Contain("could not reach 127.0.0.1:1"));
    }

    internal static void AssertNoSecret(string text, string secret)
    {
        Assert.That(text, Does.Not.Contain(secret));
        Assert.That(text, Does.Not.Contain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(RegistryServer.DefaultUser + ":" + secret))));
    }

    private RepositoryReference Ref(string path) => RepositoryReference.Parse(path.StartsWith("127.0.0.1:", StringComparison.Ordinal) ? path : $"{Server.Host}/{path}");
}
