using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Registry;

/// <summary>A user and password (or token) for one registry. <see cref="ToString"/> never shows the password.</summary>
/// <param name="Username">The user.</param>
/// <param name="Password">The password or token.</param>
/// <param name="Source">Where they came from, for messages (<c>registry-user</c>, <c>/home/me/.docker/config.json</c>).</param>
public sealed record RegistryCredentials(string Username, Secret Password, string Source)
{
    /// <summary>The user, the source and a redacted password.</summary>
    /// <returns>A printable description.</returns>
    public override string ToString() => $"{Username}:{Secret.Redacted} (from {Source})";
}

/// <summary>What a credential lookup found.</summary>
public enum CredentialLookupOutcome
{
    /// <summary>Credentials were found.</summary>
    Found,

    /// <summary>No credentials are configured for the host: the client goes anonymous.</summary>
    NotFound,

    /// <summary>Credentials exist but in a form this client cannot read (a credential helper); see the message.</summary>
    Unsupported,
}

/// <summary>The result of looking up a registry host's credentials.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Credentials">The credentials when <see cref="CredentialLookupOutcome.Found"/>.</param>
/// <param name="Message">Why nothing usable was found, in plain words (never containing a secret).</param>
public sealed record CredentialLookup(CredentialLookupOutcome Outcome, RegistryCredentials? Credentials, string? Message)
{
    /// <summary>Nothing configured.</summary>
    public static CredentialLookup None { get; } = new(CredentialLookupOutcome.NotFound, null, null);

    /// <summary>Found <paramref name="credentials"/>.</summary>
    /// <param name="credentials">The credentials.</param>
    /// <returns>The lookup.</returns>
    public static CredentialLookup Found(RegistryCredentials credentials) => new(CredentialLookupOutcome.Found, credentials, null);

    /// <summary>Credentials that cannot be read, with the reason.</summary>
    /// <param name="message">Why, and what to do instead.</param>
    /// <returns>The lookup.</returns>
    public static CredentialLookup Unsupported(string message) => new(CredentialLookupOutcome.Unsupported, null, message);
}

/// <summary>Finds the credentials for a registry host (as <see cref="RegistryEndpoint.Host"/> names it).</summary>
public interface IRegistryCredentialSource
{
    /// <summary>Looks up <paramref name="host"/>.</summary>
    /// <param name="host">A normalized registry host (<c>docker.io</c>, <c>registry.example.com:5000</c>).</param>
    /// <returns>What was found.</returns>
    CredentialLookup Find(string host);
}

/// <summary>Credentials given explicitly per host (the <c>registry-user</c>/<c>registry-password</c> options).</summary>
public sealed class ExplicitRegistryCredentials : IRegistryCredentialSource
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

/// <summary>Asks several sources in order; the first that finds credentials wins, else the first unsupported message.</summary>
/// <param name="sources">The sources, most specific first (explicit options, then the docker config).</param>
public sealed class ChainedRegistryCredentials(params IRegistryCredentialSource[] sources) : IRegistryCredentialSource
{
    /// <inheritdoc />
    public CredentialLookup Find(string host)
    {
        CredentialLookup? unsupported = null;
        foreach (var source in sources)
        {
            var lookup = source.Find(host);
            if (lookup.Outcome == CredentialLookupOutcome.Found)
            {
                return lookup;
            }

            unsupported ??= lookup.Outcome == CredentialLookupOutcome.Unsupported ? lookup : null;
        }

        return unsupported ?? CredentialLookup.None;
    }
}
