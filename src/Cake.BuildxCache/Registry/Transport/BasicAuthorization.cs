using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Cake.BuildxCache.Registry;

/// <summary>The <c>Authorization: Basic</c> header for a host's credentials: to the registry, or to its token realm.</summary>
internal static class BasicAuthorization
{
    /// <summary>The header for <paramref name="credentials"/>.</summary>
    /// <param name="credentials">The user and password.</param>
    /// <returns>The header.</returns>
    public static AuthenticationHeaderValue Of(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password.Reveal())));

    /// <summary>The header for the credentials <paramref name="source"/> has for <paramref name="host"/>.</summary>
    /// <param name="source">Where credentials are looked up.</param>
    /// <param name="host">The registry host.</param>
    /// <param name="required">Whether the registry asked for Basic (then having none is an error).</param>
    /// <returns>The header, or null when none were found and none are required.</returns>
    /// <exception cref="RegistryException">None were found and the registry requires them.</exception>
    public static AuthenticationHeaderValue? For(IRegistryCredentialSource source, string host, bool required)
    {
        var lookup = source.Find(host);
        if (lookup.Credentials is { } credentials)
        {
            return Of(credentials);
        }

        if (required)
        {
            throw new RegistryException(
                RegistryFailure.Unauthorized,
                $"{host} requires a login and no credentials were found for it: {lookup.Message ?? "pass registry-user and registry-password, or run docker login " + host}",
                HttpStatusCode.Unauthorized);
        }

        return null;
    }
}
