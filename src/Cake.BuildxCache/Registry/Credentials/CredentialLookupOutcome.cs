namespace Cake.BuildxCache.Registry;

/// <summary>What a credential lookup found.</summary>
internal enum CredentialLookupOutcome
{
    /// <summary>Credentials were found.</summary>
    Found,

    /// <summary>No credentials are configured for the host: the client goes anonymous.</summary>
    NotFound,

    /// <summary>Credentials exist but in a form this client cannot read (a credential helper); see the message.</summary>
    Unsupported,
}
