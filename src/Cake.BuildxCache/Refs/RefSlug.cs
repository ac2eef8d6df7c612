using System.Text;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// GitLab's CI_COMMIT_REF_SLUG, computed the same way GitLab does, so that a cache ref written by a
/// GitLab job and one computed locally or on GitHub name the same tag.
/// </summary>
internal static class RefSlug
{
    /// <summary>GitLab cuts slugs to 63 characters (a DNS label) before trimming dashes.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Lowercases <paramref name="refName"/> (as Ruby's full Unicode <c>downcase</c>), replaces every
    /// character outside <c>0-9a-z</c> with <c>-</c>, cuts to 63 characters and trims leading and
    /// trailing dashes.
    /// </summary>
    /// <param name="refName">A branch or tag name.</param>
    /// <returns>The slug; empty when nothing of the name survives.</returns>
    public static string From(string refName)
    {
        ArgumentNullException.ThrowIfNull(refName);
        var slug = new StringBuilder(refName.Length);
        foreach (var rune in refName.EnumerateRunes())
        {
            slug.Append(Lowercase(rune));
        }

        var cut = slug.Length > MaxLength ? slug.ToString(0, MaxLength) : slug.ToString();
        return cut.Trim('-');
    }

    // Ruby's downcase maps only these non-ASCII code points onto ASCII letters; every other
    // non-ASCII character becomes a dash whatever its lowercase form is.
    private static string Lowercase(Rune rune) => rune.Value switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => rune.ToString(),
        >= 'A' and <= 'Z' => ((char)(rune.Value + ('a' - 'A'))).ToString(),
        0x212A => "k", // KELVIN SIGN -> k
        0x0130 => "i-", // LATIN CAPITAL LETTER I WITH DOT ABOVE -> i + COMBINING DOT ABOVE
        _ => "-",
    };
}
