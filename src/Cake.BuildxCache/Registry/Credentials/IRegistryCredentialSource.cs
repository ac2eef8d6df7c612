namespace Cake.BuildxCache.Registry;

/// <summary>Finds the credentials for a registry host (as <see cref="RegistryEndpoint.Host"/> names it).</summary>
internal interface IRegistryCredentialSource
{
    /// <summary>Looks up <paramref name="host"/>.</summary>
    /// <param name="host">A normalized registry host (<c>docker.io</c>, <c>registry.example.com:5000</c>).</param>
    /// <returns>What was found.</returns>
    CredentialLookup Find(string host);
}
