using System.Collections.Immutable;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Which image of a run a cache tag (without its prefix) belongs to, when several images share one cache repository:
/// an image's tags are <c>&lt;slug&gt;-&lt;scope&gt;</c>, so a tag is this image's when it ends with
/// <c>-&lt;own scope&gt;</c> on a part boundary, and no other image's scope explains it as well. Matched by the whole
/// last parts, never as a prefix: with images <c>api</c> and <c>api-v2</c>, <c>main-api-v2</c> is never <c>api</c>'s.
/// When two scopes explain one tag (<c>main-worker-api</c> with images <c>api</c> and <c>worker-api</c>: branch
/// <c>main-worker</c>'s api or <c>main</c>'s worker-api), it is nobody's: the prune never deletes what it cannot place.
/// </summary>
/// <param name="Own">The scope this image's cache tags end with.</param>
/// <param name="Others">The scopes of the run's other images in the same cache repository.</param>
internal sealed record ImageTagScopes(string Own, ImmutableArray<string> Others)
{
    /// <summary>The branch part of <paramref name="tag"/> when it is this image's cache tag, else null with why not.</summary>
    /// <param name="tag">A cache tag without the prefix (a cache mount's tag reduced to its layer cache's).</param>
    /// <param name="why">Why the tag is not this image's, when it is not.</param>
    /// <returns>The part before <c>-&lt;own scope&gt;</c> (the slug, perhaps with a scope of its own), or null.</returns>
    public string? BranchPartOf(string tag, out string why)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var rival = Others.Where(other => other != Own && Ends(tag, other)).OrderByDescending(other => other.Length).FirstOrDefault();
        if (!Ends(tag, Own))
        {
            why = rival is null ? $"not a cache tag of image scope '{Own}'" : $"image '{rival}''s cache (scope '{rival}'), not '{Own}''s";
            return null;
        }

        if (rival is not null)
        {
            why = $"ends with the scope of image '{Own}' and of image '{rival}': whose it is cannot be told, so it is left alone";
            return null;
        }

        why = string.Empty;
        return tag[..^(CacheScope.Separator.Length + Own.Length)];
    }

    private static bool Ends(string tag, string scope) =>
        tag.Length > scope.Length + CacheScope.Separator.Length && tag.EndsWith(CacheScope.Separator + scope, StringComparison.Ordinal);
}
