namespace Cake.BuildxCache.Registry;

/// <summary>One link of an HTTP <c>Link</c> header (RFC 8288), as <see cref="LinkHeader"/> reads it.</summary>
/// <param name="Target">The target as written between <c>&lt;</c> and <c>&gt;</c>: relative or absolute, not yet resolved.</param>
/// <param name="Relations">The relation types of its first <c>rel</c> parameter, lowercased (<c>rel="prev next"</c> is two); empty when it has none.</param>
internal sealed record WebLink(string Target, IReadOnlyList<string> Relations)
{
    /// <summary>True when one of its relation types is <paramref name="relation"/> (relation types compare case-insensitively).</summary>
    /// <param name="relation">A relation type, e.g. <c>next</c>.</param>
    /// <returns>Whether the link has it.</returns>
    public bool Has(string relation) => Relations.Contains(relation, StringComparer.OrdinalIgnoreCase);
}
