namespace Cake.BuildxCache.Registry;

/// <summary>Credentials given explicitly per host (the <c>registry-user</c>/<c>registry-password</c> options).</summary>
internal sealed class ExplicitRegistryCredentials : IRegistryCredentialSource
{
    private readonly Dictionary<string, RegistryCredentials> byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds credentials for <paramref name="host"/>; the host is normalized as docker does.</summary>
    /// <param name="host">The registry host.</param>
    /// <param name="credentials">The credentials.</param>
    /// <returns>This instance.</returns>
    public ExplicitRegistryCredentials Add(string host, RegistryCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(credentials);
        byHost[RegistryEndpoint.NormalizeHost(host)] = credentials;
        return this;
    }

    /// <inheritdoc />
    public CredentialLookup Find(string host) =>
        byHost.TryGetValue(RegistryEndpoint.NormalizeHost(host), out var credentials) ? CredentialLookup.Found(credentials) : CredentialLookup.None;
}
