namespace Cake.BuildxCache.Options;

/// <summary>
/// One <c>--insecure-registry</c> value. <c>host:port</c> (or <c>http://host:port</c>) is a plain-HTTP registry:
/// buildkitd.toml's <c>http = true</c>, and the registry API client speaks http to it. <c>https://host:port</c> is a
/// registry with a certificate nothing trusts (self-signed): <c>insecure = true</c>, HTTPS without certificate
/// checks, and the client does the same for that host:port only. BuildKit's docs say not to set both
/// (<c>docs/buildkitd.toml.md</c>), so a value is one or the other, never "try HTTPS, then HTTP".
/// </summary>
/// <param name="Host">The registry's host[:port], lowercased.</param>
/// <param name="UnverifiedTls">True for <c>https://</c>: TLS without certificate checks; false: plain HTTP.</param>
public sealed record InsecureRegistrySpec(string Host, bool UnverifiedTls)
{
    /// <summary>Reads <c>[http://|https://]host[:port]</c>.</summary>
    /// <param name="text">The value.</param>
    /// <param name="spec">The registry, when readable.</param>
    /// <param name="problem">What is wrong, when not.</param>
    /// <returns>True when readable.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InsecureRegistrySpec? spec, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        if (!RegistryAddress.TryParse(text.Trim(), allowPath: false, out var address, out problem))
        {
            return false;
        }

        // Docker Hub answers only over HTTPS with a certificate everybody trusts, at registry-1.docker.io: neither plain
        // HTTP nor skipped checks can mean anything there, and the builder and the registry client would each guess.
        if (Docker.DockerNames.NormalizeHost(address.Host) == Docker.DockerNames.DockerHub)
        {
            problem = "names Docker Hub, which is HTTPS with a trusted certificate only: drop it (a plain-HTTP mirror of Docker Hub is --registry-mirror=docker.io=http://host:port)";
            return false;
        }

        spec = new InsecureRegistrySpec(address.Host, address.Scheme == "https");
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => UnverifiedTls ? "https://" + Host : Host;
}
