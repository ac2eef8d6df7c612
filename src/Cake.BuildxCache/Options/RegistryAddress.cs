using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Options;

/// <summary>A registry address as the mirror and insecure-registry options take it: <c>[scheme://]host[:port][/path]</c>.</summary>
/// <param name="Scheme"><c>http</c>, <c>https</c>, or null when none was written.</param>
/// <param name="Host">The host[:port], lowercased.</param>
/// <param name="Path">The path without a trailing slash, or empty.</param>
internal sealed record RegistryAddress(string? Scheme, string Host, string Path)
{
    /// <summary>Reads an address; what is wrong is phrased to follow "has a mirror that" or the value itself.</summary>
    /// <param name="text">The text.</param>
    /// <param name="allowPath">Whether a path may follow the host (a mirror's may).</param>
    /// <param name="address">The address, when readable.</param>
    /// <param name="problem">What is wrong, when not.</param>
    /// <returns>True when readable.</returns>
    public static bool TryParse(string text, bool allowPath, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegistryAddress? address, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        address = null;
        string? scheme = null;
        var rest = text;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = text[..separator].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                problem = $"has the scheme '{scheme}': use http://, https:// or none";
                return false;
            }

            rest = text[(separator + 3)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : rest[slash..].TrimEnd('/');
        if (host.Length == 0)
        {
            problem = "names no host";
            return false;
        }

        if (DockerNames.CheckHost(host) is { } hostProblem)
        {
            problem = $"has the host '{host}', which {hostProblem}";
            return false;
        }

        if (path.Length > 0 && !allowPath)
        {
            problem = "has a path: give host[:port] only";
            return false;
        }

        // The path goes into a TOML string and a URL as it is: nothing that needs escaping in either.
        if (path.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(segment => !DockerNames.IsValidPathComponent(segment)))
        {
            problem = $"has the path '{path}': lowercase letters, digits and . _ - between slashes";
            return false;
        }

        address = new RegistryAddress(scheme, host.ToLowerInvariant(), path);
        problem = null;
        return true;
    }
}
