using System.Net;
using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Where a registry's HTTP API v2 answers, for the registry client and for Plan's line alike. Rules: Docker Hub
/// (<c>docker.io</c> and its aliases) is <c>https://registry-1.docker.io</c>, never insecure; loopback hosts (<c>localhost</c>, <c>127.x.x.x</c>, <c>[::1]</c>, with
/// any port) are plain <c>http</c>, as docker treats them as insecure by default; every other host is
/// <c>https</c>, unless <c>insecure</c> is asked for, which means plain <c>http</c>. A host with an untrusted
/// certificate (<c>unverifiedTls</c>) is <c>https</c>, loopback or not; whether its certificate is checked is the
/// client's business (<see cref="RegistryClientOptions.UnverifiedTlsHosts"/>).
/// </summary>
/// <param name="Host">The host as docker names it (<c>docker.io</c>, <c>registry.example.com:5000</c>); the key for credentials.</param>
/// <param name="BaseUri">The API root, ending in <c>/</c>, e.g. <c>https://registry.example.com/</c>.</param>
internal sealed record RegistryEndpoint(string Host, Uri BaseUri)
{
    /// <summary>The API host of Docker Hub.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    /// <summary>The endpoint of <paramref name="host"/>.</summary>
    /// <param name="host">A registry host[:port] without scheme.</param>
    /// <param name="insecure">Use plain http for a non-loopback host.</param>
    /// <param name="unverifiedTls">Use https even for a loopback host (its certificate is not checked).</param>
    /// <returns>The endpoint.</returns>
    public static RegistryEndpoint For(string host, bool insecure = false, bool unverifiedTls = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        var normalized = NormalizeHost(host);
        if (DockerNames.CheckHost(normalized) is { } problem)
        {
            throw new ArgumentException($"registry host '{host}' {problem}", nameof(host));
        }

        if (normalized == DockerNames.DockerHub)
        {
            // --insecure-registry refuses Docker Hub, so a plan never asks this.
            return insecure || unverifiedTls
                ? throw new ArgumentException("Docker Hub is HTTPS with a trusted certificate only; it cannot be an insecure registry", nameof(host))
                : new(normalized, new Uri("https://" + DockerHubApiHost + "/"));
        }

        var scheme = !unverifiedTls && (insecure || IsLoopback(normalized)) ? "http" : "https";
        return new(normalized, new Uri(scheme + "://" + normalized + "/"));
    }

    /// <summary>Lowercases and folds Docker Hub's aliases into <c>docker.io</c> (see <see cref="DockerNames.NormalizeHost"/>).</summary>
    /// <param name="host">A host, or null/empty for Docker Hub.</param>
    /// <returns>The normalized host.</returns>
    public static string NormalizeHost(string? host) => DockerNames.NormalizeHost(host?.Trim());

    /// <summary>True for <c>localhost</c>, <c>127.x.x.x</c> and <c>[::1]</c>, with or without a port.</summary>
    /// <param name="host">A normalized host[:port].</param>
    /// <returns>Whether the host is the local machine.</returns>
    public static bool IsLoopback(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host;
        if (name.StartsWith('['))
        {
            var close = name.IndexOf(']', StringComparison.Ordinal);
            name = close > 0 ? name[1..close] : name;
        }
        else if (name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            name = name[..colon];
        }

        return name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The API URL of <paramref name="relative"/> (e.g. <c>v2/app/manifests/main</c>).</summary>
    /// <param name="relative">A path relative to the API root, with query if any.</param>
    /// <returns>The absolute URL.</returns>
    public Uri Resolve(string relative) => new(BaseUri, relative);
}
