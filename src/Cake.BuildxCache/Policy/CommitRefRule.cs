namespace Cake.BuildxCache.Policy;

/// <summary>
/// The registry prune's rule for the commit refs of <c>--cache-promote</c>. A tag <c>&lt;prefix&gt;&lt;slug&gt;-&lt;8 hex&gt;</c>
/// is taken for a commit ref only when that is proven: the list of live branches is known and has no branch of that
/// slug (else it could be a branch's own ref: a branch named <c>fix-deadbeef</c>), and the tag <c>&lt;prefix&gt;&lt;slug&gt;</c>
/// is in the repository and carries a record (its branch promotes). Then it goes when it was <b>promoted</b> (the branch
/// ref's record names this commit: the branch ref holds a copy under its own digest) or <b>superseded</b> (the record
/// names another commit, and this ref was written more than the recent window ago: its promotion, which runs seconds
/// after the write, is over). Everything else is left to the ordinary rules. A deletion still passes the checks every
/// deletion does: a readable BuildKit cache manifest, no other kept tag on its digest, every tag read.
/// </summary>
internal static class CommitRefRule
{
    /// <summary>The decision for a commit ref, or null when <paramref name="tag"/> is not proven to be one.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="rules">The rules.</param>
    /// <param name="live">The live branches' slugs, or null when unknown.</param>
    /// <param name="records">The tags that carry a record, and the commit each names.</param>
    /// <returns>The decision, or null.</returns>
    public static CachePruneItem? Decide(CacheTagInfo tag, CachePruneRules rules, IReadOnlySet<string>? live, IReadOnlyDictionary<string, string> records)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        if (!tag.Tag.StartsWith(rules.Prefix, StringComparison.Ordinal) || live is null)
        {
            return null;
        }

        var slug = tag.Tag[rules.Prefix.Length..];
        var dash = slug.Length - 9;
        if (dash < 1 || slug[dash] != '-' || !slug[(dash + 1)..].All(char.IsAsciiHexDigitLower) || live.Contains(slug))
        {
            return null;
        }

        var branchSlug = slug[..dash];
        if (!records.TryGetValue(rules.Prefix + branchSlug, out var held))
        {
            return null;
        }

        var sha8 = slug[(dash + 1)..];
        string reason;
        if (held.StartsWith(sha8, StringComparison.Ordinal))
        {
            reason = $"commit ref of '{branchSlug}', promoted (the branch ref's record names {sha8})";
        }
        else
        {
            var age = tag.Created is { } created ? rules.Now - created : (TimeSpan?)null;
            var why = $"commit ref of '{branchSlug}', not what the branch ref holds ({held[..8]})";
            if (age is null)
            {
                return new(tag, slug, CachePruneAction.Keep, why + ", but when it was written is unknown (its promotion may still run)");
            }

            if (age < rules.RecentWindow)
            {
                return new(tag, slug, CachePruneAction.Keep, $"{why}, but it was written {RegistryCachePrunePolicy.FormatAge(age.Value)} ago (its promotion may still run)");
            }

            reason = why + $": superseded, written {RegistryCachePrunePolicy.FormatAge(age.Value)} ago";
        }

        if (tag.Digest is null)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but its manifest could not be read (no digest to delete)");
        }

        return tag.IsBuildKitCache
            ? new(tag, slug, CachePruneAction.Delete, reason)
            : new(tag, slug, CachePruneAction.Keep, reason + ", but it is not a BuildKit cache manifest (only caches are ever deleted)");
    }
}
