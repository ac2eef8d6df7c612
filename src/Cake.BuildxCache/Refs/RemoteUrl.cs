using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Turns a git remote address into the repository's web address for the
/// <c>org.opencontainers.image.source</c> label. Image labels are public: user names, passwords and
/// tokens in the remote (<c>https://user:token@host/…</c>, as CI clones often have) are always dropped.
/// </summary>
internal static partial class RemoteUrl
{
    /// <summary>
    /// <c>https://user:token@host/group/repo.git</c> becomes <c>https://host/group/repo</c>;
    /// <c>git@host:group/repo.git</c>, <c>ssh://git@host:2222/group/repo.git</c> and
    /// <c>git://host/group/repo.git</c> become <c>https://host/group/repo</c> (an ssh port is not a web
    /// port, so it is dropped). <c>http://</c> stays <c>http://</c> with its port: such a server has no https
    /// side to point to. Query and fragment are dropped.
    /// </summary>
    /// <param name="remoteUrl">The remote's fetch address.</param>
    /// <returns>The web address, or null for local paths, <c>file://</c> remotes and text that is not an address.</returns>
    public static string? ToWebAddress(string? remoteUrl)
    {
        if (string.IsNullOrWhiteSpace(remoteUrl))
        {
            return null;
        }

        var text = remoteUrl.Trim();
        return text.Contains("://", StringComparison.Ordinal) ? FromUrl(text) : FromScpLike(text);
    }

    /// <summary>
    /// <paramref name="line"/> with the user part of every URL in it dropped (<c>https://user:token@host/…</c>
    /// becomes <c>https://host/…</c>): for lines of git output that Cake logs at diagnostic verbosity.
    /// </summary>
    /// <param name="line">A line of text.</param>
    /// <returns>The line without credentials.</returns>
    public static string WithoutUserInfo(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return UserInfo().Replace(line, "://");
    }

    private static string? FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        // Built from host, port and path only: Uri.UserInfo (the credentials) is never read.
        return uri.Scheme.ToLowerInvariant() switch
        {
            "https" or "http" => Compose(uri.Scheme.ToLowerInvariant(), uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", uri.AbsolutePath),
            "ssh" or "git" or "git+ssh" or "ssh+git" => Compose("https", uri.Host, uri.AbsolutePath),
            _ => null,
        };
    }

    private static string? FromScpLike(string text)
    {
        // git's rule: a colon before any slash means [user@]host:path (the user part ends at the last
        // '@', so a password in it is skipped too). A drive letter (C:\ or C:/) is a Windows path.
        var match = ScpLike().Match(text);
        if (!match.Success || match.Groups["host"].Value.Length == 1)
        {
            return null;
        }

        return Compose("https", match.Groups["host"].Value, "/" + match.Groups["path"].Value.TrimStart('/'));
    }

    private static string Compose(string scheme, string authority, string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^".git".Length].TrimEnd('/');
        }

        return $"{scheme}://{authority}{trimmed}";
    }

    // Up to the last '@' before the path, so a password that holds a raw '@' goes too.
    [GeneratedRegex(@"://[^/\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"^(?:[^/]*@)?(?<host>[^@/:]+):(?<path>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();
}
