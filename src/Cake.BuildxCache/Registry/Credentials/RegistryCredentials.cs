using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Registry;

/// <summary>A user and password (or token) for one registry. <see cref="ToString"/> never shows the password.</summary>
/// <param name="Username">The user.</param>
/// <param name="Password">The password or token.</param>
/// <param name="Source">Where they came from, for messages (<c>registry-user</c>, <c>/home/me/.docker/config.json</c>).</param>
internal sealed record RegistryCredentials(string Username, Secret Password, string Source)
{
    /// <summary>The user, the source and a redacted password.</summary>
    /// <returns>A printable description.</returns>
    public override string ToString() => $"{Username}:{Secret.Redacted} (from {Source})";
}
