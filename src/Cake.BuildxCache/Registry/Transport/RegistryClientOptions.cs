namespace Cake.BuildxCache.Registry;

/// <summary>How a <see cref="RegistryClient"/> connects and authenticates.</summary>
internal sealed record RegistryClientOptions
{
    /// <summary>Where credentials come from; by default none (anonymous).</summary>
    public IRegistryCredentialSource Credentials { get; init; } = new ExplicitRegistryCredentials();

    /// <summary>Hosts spoken to over plain http although not loopback (<c>--insecure-registry=host:port</c>).</summary>
    public IReadOnlyCollection<string> InsecureHosts { get; init; } = [];

    /// <summary>
    /// Hosts spoken to over https without checking their certificate (<c>--insecure-registry=https://host:port</c>, for a
    /// self-signed registry); loopback ones too. Only these origins skip the check; with a handler of the caller's, the
    /// handler decides.
    /// </summary>
    public IReadOnlyCollection<string> UnverifiedTlsHosts { get; init; } = [];

    /// <summary>The time one HTTP exchange may take, body included, before it counts as failed (default 15 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many times a request is repeated after a connection failure, a timeout or a 502/503/504 (default 2).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The pause before the first retry; it doubles for each further one (default 250 ms).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The page size asked for when listing tags (<c>n=</c>); registries may send fewer and link to the next page.</summary>
    public int TagPageSize { get; init; } = 1000;

    /// <summary>The most pages of tags followed; a registry linking further fails the listing (default 1000).</summary>
    public int MaxTagPages { get; init; } = 1000;

    /// <summary>The time one operation (a listing with all its pages, a manifest read with its children) may take in all (default 5 minutes).</summary>
    public TimeSpan OperationDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receives one line per HTTP exchange (method, URL, status); never headers or bodies.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The <c>User-Agent</c> sent.</summary>
    public string UserAgent { get; init; } = "Cake.BuildxCache";

    /// <summary>The endpoint of <paramref name="host"/> under these options' insecure-host rules.</summary>
    /// <param name="host">A registry host.</param>
    /// <returns>The endpoint.</returns>
    public RegistryEndpoint EndpointOf(string host) =>
        RegistryEndpoint.For(host, Names(InsecureHosts, host), Names(UnverifiedTlsHosts, host));

    private static bool Names(IEnumerable<string> hosts, string host) =>
        hosts.Any(item => RegistryEndpoint.NormalizeHost(item) == RegistryEndpoint.NormalizeHost(host));
}
