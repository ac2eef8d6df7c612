namespace Cake.BuildxCache.Registry;

/// <summary>The result of looking up a registry host's credentials.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Credentials">The credentials when <see cref="CredentialLookupOutcome.Found"/>.</param>
/// <param name="Message">Why nothing usable was found, in plain words (never containing a secret).</param>
internal sealed record CredentialLookup(CredentialLookupOutcome Outcome, RegistryCredentials? Credentials, string? Message)
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
