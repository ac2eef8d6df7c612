namespace Cake.BuildxCache.Policy;

/// <summary>
/// The registry prune's rule for the commit refs of <c>--cache-promote</c>. A tag is taken for a commit ref only when its
/// own record says so: the record names the branch ref's tag it is promoted to (<see cref="CacheTagInfo.CommitRefOf"/>)
/// and a commit, and the tag is exactly <c>&lt;that tag&gt;-&lt;the commit's first 8 hex digits&gt;</c>. Its shape alone
/// proves nothing: a cache scope (<c>--cache-scope=20261130</c>, <c>--stage=deadbeef</c>) or a branch (<c>fix-deadbeef</c>)
/// gives the same shape, and a commit ref written without a record is never taken for one. When the branch ref carries a
/// record, the commit ref goes when it was <b>promoted</b> (the branch ref's record names its commit: the branch ref holds
/// a copy under its own digest) or <b>superseded</b> (the record names another commit, and the commit ref's record says it
/// was written more than the recent window ago: its promotion, which runs seconds after the write, is over). Everything
/// else is left to the ordinary rules. A deletion still passes the checks every deletion does: a readable BuildKit cache
/// manifest, no other kept tag on its digest, every tag read.
/// </summary>
internal static class CommitRefRule
{
    /// <summary>The decision for a commit ref, or null when <paramref name="tag"/> is not proven to be one.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="rules">The rules.</param>
    /// <param name="records">The tags that carry a record, and the commit each names.</param>
    /// <returns>The decision, or null.</returns>
    public static CachePruneItem? Decide(CacheTagInfo tag, CachePruneRules rules, IReadOnlyDictionary<string, string> records)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        if (tag.CommitRefOf is not { } branchTag || tag.RecordCommit is not { Length: >= 8 } commit
            || tag.Tag != branchTag + "-" + commit[..8]
            || !branchTag.StartsWith(rules.Prefix, StringComparison.Ordinal) || branchTag.Length == rules.Prefix.Length
            || !records.TryGetValue(branchTag, out var held))
        {
            return null;
        }

        var slug = tag.Tag[rules.Prefix.Length..];
        var branch = branchTag[rules.Prefix.Length..];
        var sha8 = commit[..8];
        string reason;
        if (held == commit)
        {
            reason = $"commit ref of '{branch}', promoted (the branch ref's record names {sha8})";
        }
        else
        {
            var age = tag.Written is { } written ? rules.Now - written : (TimeSpan?)null;
            var why = $"commit ref of '{branch}', not what the branch ref holds ({held[..Math.Min(8, held.Length)]})";
            if (age is null)
            {
                return new(tag, slug, CachePruneAction.Keep, why + ", but its record says not when it was written (its promotion may still run)");
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
