namespace Cake.BuildxCache.Registry;

/// <summary>Asks several sources in order; the first that finds credentials wins, else the first unsupported message.</summary>
/// <param name="sources">The sources, most specific first (explicit options, then the docker config).</param>
internal sealed class ChainedRegistryCredentials(params IRegistryCredentialSource[] sources) : IRegistryCredentialSource
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
