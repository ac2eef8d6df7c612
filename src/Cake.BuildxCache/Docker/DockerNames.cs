using System.Globalization;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Docker;

/// <summary>Docker's naming rules (distribution/reference) for tags, repository paths and registry hosts.</summary>
public static partial class DockerNames
{
    /// <summary>A tag is at most 128 characters.</summary>
    public const int MaxTagLength = 128;

    /// <summary>A repository name (host and path) is at most 255 characters.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Docker Hub's canonical registry host.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>True when <paramref name="tag"/> is a valid tag: <c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    /// <summary>True when <paramref name="component"/> is a valid path component: lowercase alphanumerics separated by <c>.</c>, <c>_</c>, <c>__</c> or dashes.</summary>
    /// <param name="component">One path component.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidPathComponent(string component) => PathComponentPattern().IsMatch(component);

    /// <summary>
    /// Checks a registry host as docker accepts it: DNS labels or <c>localhost</c> or a bracketed IPv6
    /// address, then an optional port 1-65535. No scheme, no path.
    /// </summary>
    /// <param name="host">The host, e.g. <c>registry.example.com:5000</c>.</param>
    /// <returns>What is wrong, or null when valid.</returns>
    public static string? CheckHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Contains("://", StringComparison.Ordinal))
        {
            return "must be a host[:port] without a scheme (drop 'https://')";
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return "must be a host[:port] without a path";
        }

        var match = HostPattern().Match(host);
        if (!match.Success)
        {
            return "is not a valid registry host[:port] (DNS name, localhost or [IPv6], then an optional :port)";
        }

        var port = match.Groups["port"];
        if (port.Success && (port.Value.Length == 0 || !int.TryParse(port.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535))
        {
            return $"has a bad port '{port.Value}' (must be 1-65535)";
        }

        return null;
    }

    /// <summary>
    /// The registry host as docker logs in to it: lowercased, Docker Hub's aliases
    /// (<c>index.docker.io</c>, <c>registry-1.docker.io</c>) folded into <c>docker.io</c>.
    /// </summary>
    /// <param name="host">A host, or null for Docker Hub.</param>
    /// <returns>The normalized host.</returns>
    public static string NormalizeHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return DockerHub;
        }

        var lower = host.ToLowerInvariant();
        return lower is "index.docker.io" or "registry-1.docker.io" ? DockerHub : lower;
    }

    /// <summary>
    /// A tag for a ref: the raw name when it is a valid tag (<c>v1.2.3</c>), else its slug
    /// (<c>release/1.0</c> becomes <c>release-1-0</c>), else null when neither is usable.
    /// </summary>
    /// <param name="refName">The raw ref name.</param>
    /// <param name="slug">Its slug.</param>
    /// <returns>The tag, or null.</returns>
    public static string? TagForRef(string refName, string slug)
    {
        if (IsValidTag(refName))
        {
            return refName;
        }

        return IsValidTag(slug) ? slug : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();

    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*|\[[0-9A-Fa-f:.]+\])(?::(?<port>[^:]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
