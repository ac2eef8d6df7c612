using System.Security.Cryptography;
using System.Text;
using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The tag of a cache mount's image: the layer cache's tag of the same ref, <see cref="CacheScope.MountMarker"/>, then
/// the mount's id made a tag part (<c>main.mount-nuget</c>, <c>feature-x-linux-386.mount-root-nuget-packages-1a2b3c4d</c>).
/// A slug holds no <c>.</c> and a scope may not hold the marker, so the tag is never a layer cache's, and the registry
/// prune reads the branch (and scope) from the part before the marker, by the layer cache's rules.
/// </summary>
internal static class CacheMountTag
{
    private const int MaxPartLength = 40;

    /// <summary>The mount's image ref beside <paramref name="cacheRef"/>, or null when the tag would be too long.</summary>
    /// <param name="cacheRef">The layer cache's ref (<c>registry/app/cache:main</c>).</param>
    /// <param name="id">The mount's id.</param>
    /// <returns>The ref, or null.</returns>
    public static string? For(string cacheRef, string id)
    {
        ArgumentNullException.ThrowIfNull(cacheRef);
        ArgumentNullException.ThrowIfNull(id);
        var colon = cacheRef.LastIndexOf(':');
        if (colon < 0 || cacheRef.IndexOf('/', colon) >= 0)
        {
            return null;
        }

        var tag = cacheRef[(colon + 1)..] + CacheScope.MountMarker + Part(id);
        return DockerNames.IsValidTag(tag) ? cacheRef[..(colon + 1)] + tag : null;
    }

    /// <summary>
    /// The id as a tag part: lower case, every character outside <c>0-9a-z</c> made <c>-</c>, no dash at either end, at
    /// most 40 characters; when that changed the id, the first 8 hex digits of its SHA-256 follow, so that two ids never
    /// share a part (<c>/root/.nuget/packages</c> → <c>root--nuget-packages-…</c>).
    /// </summary>
    /// <param name="id">The mount's id.</param>
    /// <returns>The part.</returns>
    public static string Part(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var text = new StringBuilder(id.Length);
        foreach (var c in id.ToLowerInvariant())
        {
            text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }

        var part = text.ToString().Trim('-');
        if (part.Length > MaxPartLength)
        {
            part = part[..MaxPartLength].TrimEnd('-');
        }

        return part == id && part.Length > 0
            ? part
            : (part.Length == 0 ? string.Empty : part + "-") + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..8];
    }

    /// <summary>The layer cache's tag a mount image's tag extends (<c>main</c> for <c>main.mount-nuget</c>), or null for any other tag.</summary>
    /// <param name="tag">A tag without the cache prefix.</param>
    /// <returns>The layer cache's tag, or null.</returns>
    public static string? LayerTagOf(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var at = tag.IndexOf(CacheScope.MountMarker, StringComparison.Ordinal);
        return at > 0 && tag.Length > at + CacheScope.MountMarker.Length ? tag[..at] : null;
    }
}
