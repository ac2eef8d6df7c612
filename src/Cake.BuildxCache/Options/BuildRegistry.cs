namespace Cake.BuildxCache.Options;

/// <summary>One registry the build logs in to, and with what. Its <see cref="ToString"/> never shows the password.</summary>
/// <param name="Host">The registry host as <c>docker login</c> takes it (<c>docker.io</c> for Docker Hub).</param>
/// <param name="Purpose">Why: <c>image</c>, <c>cache</c>, <c>image, cache</c> or <c>registry</c> (the host of --registry only).</param>
/// <param name="Username">The user, or null when no credentials were given.</param>
/// <param name="Password">The password (redacted in every printout), or null.</param>
/// <param name="CredentialsOption">The option the credentials came from (<c>registry-user</c> or <c>cache-registry-user</c>), or null.</param>
public sealed record BuildRegistry(string Host, string Purpose, string? Username, Secret? Password, string? CredentialsOption)
{
    /// <summary>True when both user and password are known, so <c>docker login</c> can run.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(Username) && Password is { IsEmpty: false };
}
