using System.Text;
using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Options;

/// <summary>
/// What follows the slug in a cache tag (<c>&lt;prefix&gt;&lt;slug&gt;-&lt;scope&gt;</c>), so that the jobs of one branch
/// that build other platforms or other stages read and write caches of their own instead of evicting each other's.
/// A function of the options alone, like <see cref="BuildxCacheOptions.EffectiveCacheRepo"/>:
/// <list type="bullet">
/// <item><c>--cache-scope</c> wins (<c>none</c>: no scope, even with a platform or a stage);</item>
/// <item>else the stage and a single platform, slugged (<c>runtime</c>, <c>linux-386</c>, <c>runtime-linux-386</c>);</item>
/// <item>several platforms in one build get no platform part: one builder builds them all into one cache ref (on several
/// nodes, <see cref="Policy.PlatformCachePolicy"/> gives each platform its own scope instead);</item>
/// <item>neither: no scope, the tag is the slug as before.</item>
/// </list>
/// </summary>
/// <param name="Value">The scope, or null for none.</param>
/// <param name="Reason">Where it comes from, in words (<c>from --platform</c>).</param>
/// <param name="IsExplicit">True when <c>--cache-scope</c> set it (or turned it off).</param>
public sealed record CacheScope(string? Value, string Reason, bool IsExplicit)
{
    /// <summary>The <c>--cache-scope</c> value that turns the scope off.</summary>
    public const string None = "none";

    /// <summary>What joins the slug and the scope in a cache tag.</summary>
    public const string Separator = "-";

    /// <summary>
    /// What joins a cache tag and a cache mount's name in the tag of the mount's image (<c>main.mount-nuget</c>): a slug
    /// never holds a <c>.</c>, and a scope may not hold this, so no branch's or scope's cache tag can be a mount's.
    /// </summary>
    public const string MountMarker = ".mount-";

    /// <summary>The longest scope that fits in a tag with the longest slug and <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The cache tag prefix.</param>
    /// <returns>The length.</returns>
    public static int MaxLength(string prefix) =>
        DockerNames.MaxTagLength - Refs.RefSlug.MaxLength - Separator.Length - (prefix?.Length ?? 0);

    /// <summary>The scope of a build with <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The scope and why.</returns>
    public static CacheScope Of(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var own = OfOneImage(options);
        if (options.ImageName is not { } image)
        {
            return own;
        }

        // One of several images: its name comes first, so that images sharing a cache repository never share a ref.
        return own.Value is null
            ? new(image, $"the image's name ({ImageSections.SectionOf(image)})", own.IsExplicit)
            : new(image + Separator + own.Value, $"the image's name ({ImageSections.SectionOf(image)}) and {own.Reason}", own.IsExplicit);
    }

    private static CacheScope OfOneImage(BuildxCacheOptions options)
    {
        if (options.CacheScope is { } set)
        {
            var origin = options.OriginOf(OptionCatalog.CacheScope);
            return string.Equals(set, None, StringComparison.OrdinalIgnoreCase)
                ? new(null, $"turned off, {origin}", true)
                : new(set, origin.ToString(), true);
        }

        var parts = new List<string>();
        var from = new List<string>();
        if (options.Stage is { Length: > 0 } stage)
        {
            parts.Add(Slug(stage));
            from.Add("--stage");
        }

        var platforms = options.Platforms.Where(platform => platform != "local").ToList();
        if (platforms.Count == 1)
        {
            parts.Add(Slug(platforms[0]));
            from.Add("--platform");
        }

        var text = string.Join(Separator, parts.Where(part => part.Length > 0));
        var several = platforms.Count > 1 ? $"{platforms.Count} platforms in one build share one ref" : null;
        if (text.Length == 0)
        {
            return new(null, several ?? "no --stage and no single --platform", false);
        }

        var reason = "from " + string.Join(" and ", from) + (several is null ? string.Empty : "; " + several);
        return new(text, reason, false);
    }

    /// <summary>
    /// A stage or platform as a scope part: lowercased, every character outside <c>0-9a-z</c> made <c>-</c>, no dash
    /// at either end (<c>linux/arm/v7</c> → <c>linux-arm-v7</c>).
    /// </summary>
    /// <param name="text">The stage or platform.</param>
    /// <returns>The part.</returns>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            slug.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : '-');
        }

        return slug.ToString().Trim('-');
    }

    /// <summary>What is wrong with this scope as part of a cache tag after <paramref name="prefix"/>, or null.</summary>
    /// <param name="prefix">The cache tag prefix.</param>
    /// <returns>The problem, phrased for the option's error line.</returns>
    public string? Problem(string prefix)
    {
        if (Value is null)
        {
            return null;
        }

        var source = IsExplicit ? string.Empty : $" (derived {Reason})";
        if (!Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            return $"would make invalid cache tags{source}: a scope holds only letters, digits, '_', '.' and '-' (e.g. linux-arm64)";
        }

        if (Value.Contains(MountMarker, StringComparison.Ordinal))
        {
            return $"holds '{MountMarker}'{source}, which marks the tags of cache mount images: choose a scope without it";
        }

        var max = MaxLength(prefix);
        return Value.Length > max
            ? $"is {Value.Length} characters long{source}: with the cache tag prefix, a {Refs.RefSlug.MaxLength}-character slug and '{Separator}' the tag would pass {DockerNames.MaxTagLength} (at most {Math.Max(max, 0)}); set a shorter one"
            : null;
    }
}
