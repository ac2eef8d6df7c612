using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// The base of a fixture whose tests share one real registry on 127.0.0.1 (delete enabled): started before its first
/// test, stopped after its last, with the content helpers and a client logged in to it.
/// </summary>
public abstract class RealRegistryTests
{
    /// <summary>Gets the fixture's registry.</summary>
    private protected RegistryServer Server { get; private set; } = null!;

    /// <summary>Gets what pushes and reads content on <see cref="Server"/>.</summary>
    private protected RegistryContent Content { get; private set; } = null!;

    /// <summary>Starts the registry.</summary>
    [OneTimeSetUp]
    public void StartRegistry()
    {
        Server = RegistryServer.Start(deleteEnabled: true);
        Content = new RegistryContent(Server);
    }

    /// <summary>Stops it and removes what it stored.</summary>
    [OneTimeTearDown]
    public void StopRegistry()
    {
        Content?.Dispose();
        Server?.Dispose();
    }

    /// <summary>A client with the registry's credentials that retries after 10 ms.</summary>
    /// <param name="handler">The HTTP handler under the client, or null for the default.</param>
    /// <param name="log">Receives the client's log lines, or null.</param>
    /// <returns>The client.</returns>
    private protected RegistryClient Client(HttpMessageHandler? handler = null, Action<string>? log = null) =>
        new(
            new RegistryClientOptions
            {
                Credentials = new ExplicitRegistryCredentials().Add(Server.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
                RetryDelay = TimeSpan.FromMilliseconds(10),
                Log = log,
            },
            handler);
}
