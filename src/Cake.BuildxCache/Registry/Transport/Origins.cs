using System.Globalization;

namespace Cake.BuildxCache.Registry;

/// <summary>Which origin (scheme, host, port) a URL is on, and how a URL is printed: credentials go to one origin only.</summary>
internal static class Origins
{
    /// <summary>The origin of <paramref name="url"/> as a key: <c>scheme://host:port</c>, the host lowercased.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The key.</returns>
    public static string Of(Uri url) => url.Scheme + "://" + url.IdnHost.ToLowerInvariant() + ":" + url.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when both URLs are on one origin.</summary>
    /// <param name="a">An absolute URL.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether scheme, host and port agree.</returns>
    public static bool Same(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// <paramref name="url"/> for a log line or a message. URLs carry no secrets (credentials never go in the query),
    /// but a token realm's query could: it is printed only for the registry API's own paths.
    /// </summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The printable text.</returns>
    public static string Printable(Uri url) => url.GetLeftPart(UriPartial.Path) + (url.AbsolutePath.Contains("/v2/", StringComparison.Ordinal) ? url.Query : string.Empty);
}
