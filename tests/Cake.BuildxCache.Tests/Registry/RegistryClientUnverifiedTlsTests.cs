using System.Globalization;
using System.Net;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// <c>--insecure-registry=https://host:port</c> for the registry API client, against a real registry serving TLS with a
/// self-signed certificate on 127.0.0.1: certificate checks are off for exactly that origin, on for every other.
/// The registry is also reached by this machine's name when it resolves to loopback: a name the client does not treat
/// as loopback, so without the option it insists on a trusted certificate.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class RegistryClientUnverifiedTlsTests
{
    private static readonly DateTimeOffset Created = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private RegistryServer server = null!;
    private List<string> log = null!;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        server = RegistryServer.Start(tls: true);
        using var content = new RegistryContent(server);
        await content.PushCacheIndexAsync("tls/app/cache", "main", [Created]);
    }

    [OneTimeTearDown]
    public void StopRegistry() => server?.Dispose();

    [SetUp]
    public void ClearLog() => log = [];

    private string Port => server.Port.ToString(CultureInfo.InvariantCulture);

    private RegistryClient Client(string host, params string[] unverified) =>
        new(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(host, new RegistryCredentials(server.User, new Secret(server.Password), "registry-user")),
            UnverifiedTlsHosts = unverified,
            Log = log.Add,
            MaxRetries = 0,
        });

    [Test]
    public async Task A_loopback_registry_named_https_is_spoken_to_over_https_without_checks()
    {
        using var client = Client(server.Host, server.Host);

        Assert.That(await client.ExistsAsync(RepositoryReference.Parse($"{server.Host}/tls/app/cache:main")), Is.True);
        Assert.That(await client.ExistsAsync(RepositoryReference.Parse($"{server.Host}/tls/app/cache:feature-x")), Is.False);
        Assert.That(log, Has.Some.StartsWith($"registry: HEAD https://{server.Host}/v2/tls/app/cache/manifests/main -> 200"));
    }

    [Test]
    public async Task A_host_not_named_keeps_its_certificate_checked_and_the_option_is_per_host_and_port()
    {
        var name = LoopbackName();
        var host = $"{name}:{Port}";
        var reference = RepositoryReference.Parse($"{host}/tls/app/cache:main");

        using (var checkedClient = Client(host, $"localhost:{Port}", $"{name}:1"))
        {
            var refused = Assert.ThrowsAsync<RegistryException>(() => checkedClient.ExistsAsync(reference));
            Assert.That(refused!.Failure, Is.EqualTo(RegistryFailure.Unreachable));
            Assert.That(refused.Message, Does.Contain($"https://{host}").And.Contain("SSL"));
        }

        using var uncheckedClient = Client(host, host);
        Assert.That(await uncheckedClient.ExistsAsync(reference), Is.True);
    }

    // This machine's name, when it resolves to loopback and is not spelled like a loopback host.
    private static string LoopbackName()
    {
        var name = Dns.GetHostName().ToLowerInvariant();
        if (RegistryEndpoint.IsLoopback(name) || !Dns.GetHostAddresses(name).Any(IPAddress.IsLoopback))
        {
            Assert.Ignore($"This machine's name '{name}' does not resolve to loopback (or is loopback by its spelling): no second name for the registry here.");
        }

        return name;
    }
}
