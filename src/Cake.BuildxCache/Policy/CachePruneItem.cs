namespace Cake.BuildxCache.Policy;

/// <summary>The decision for one tag.</summary>
/// <param name="Tag">The tag and what is known of it.</param>
/// <param name="Slug">The slug the tag is keyed by (the tag without prefix), or null for an ignored tag.</param>
/// <param name="Action">What happens to it.</param>
/// <param name="Reason">Why, in plain words.</param>
internal sealed record CachePruneItem(CacheTagInfo Tag, string? Slug, CachePruneAction Action, string Reason);
