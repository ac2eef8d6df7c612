using System.Globalization;
using System.Text;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Which registry cache tags to delete, with no I/O. Rules, in order:
/// <list type="number">
/// <item>a tag without the cache prefix is ignored (with the <c>&lt;image&gt;:cache-&lt;slug&gt;</c> style, image tags live there too);</item>
/// <item>the default branch's cache is kept; its scoped caches (<c>main-linux-386</c>, see <see cref="CacheTagOwner"/>) too,
/// unless older than <c>--cache-max-age</c>;</item>
/// <item>a cache whose branch is gone (neither its tag nor a slug it extends with <c>-&lt;scope&gt;</c> is among the
/// live slugs) or whose record says it was written longer ago than <c>--cache-max-age</c> is a candidate; any other is
/// kept (a ref without a record is never deleted by age);</item>
/// <item>a candidate written within the last hour is kept, and so is one whose write time cannot be derived at all
/// (it might have been written a minute ago); without a record, a gone branch's cache is timed by its newest layer
/// (a lower bound of the write time);</item>
/// <item>a candidate whose manifest could not be read (no digest) is kept;</item>
/// <item>a candidate that is not a BuildKit cache manifest (an image, an image index, anything else) is kept, unless it is a
/// cache mount's image (<see cref="CacheMountTag"/>: <c>&lt;cache tag&gt;.mount-&lt;id&gt;</c>, with a record naming the mount), which
/// belongs to the branch and scope of the cache tag it extends;</item>
/// <item>a digest is deleted only when every tag of the repository pointing at it is itself deleted: deleting by
/// digest removes every tag of that manifest, prefixed or not;</item>
/// <item>when any tag could not be read, or the default branch is only a guess, nothing is deleted.</item>
/// <item>a commit ref of <c>--cache-promote</c> (its record says so, see <see cref="CommitRefRule"/>) is judged by that rule
/// first: promoted or superseded ones go, under rules 5 to 8 as every other.</item>
/// </list>
/// A live-branch list that lacks the default branch is taken as unreliable (a failed or empty <c>git ls-remote</c>):
/// then only the age rule applies.
/// </summary>
internal static class RegistryCachePrunePolicy
{
    /// <summary>Decides for every tag.</summary>
    /// <param name="tags">The cache repository's tags.</param>
    /// <param name="rules">The rules.</param>
    /// <returns>The decision.</returns>
    public static CachePruneDecision Decide(IEnumerable<CacheTagInfo> tags, CachePruneRules rules)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(rules);
        var notes = new List<string>();
        var live = rules.LiveSlugs;
        if (live is not null && !live.Contains(rules.DefaultBranchSlug))
        {
            notes.Add($"the list of live branches does not contain the default branch '{rules.DefaultBranchSlug}': it is taken as unreliable, so no cache is deleted for its branch being gone");
            live = null;
        }
        else if (live is null)
        {
            notes.Add("no list of live branches: no cache is deleted for its branch being gone");
        }

        if (rules.MaxAge is null)
        {
            notes.Add("no --cache-max-age: no cache is deleted for its age");
        }

        var all = tags.ToList();
        var records = all.Where(tag => tag.RecordCommit is not null).ToDictionary(tag => tag.Tag, tag => tag.RecordCommit!, StringComparer.Ordinal);
        var first = all.Select(tag => CommitRefRule.Decide(tag, rules, records) ?? First(tag, rules, live)).ToList();

        // Deleting a digest removes every tag pointing at it, prefixed or not: a candidate sharing its manifest
        // with any tag that stays must stay too.
        var keptDigests = first
            .Where(item => item.Action != CachePruneAction.Delete && item.Tag.Digest is not null)
            .GroupBy(item => item.Tag.Digest!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Tag.Tag, StringComparer.Ordinal);
        var items = first.Select(item => item.Action == CachePruneAction.Delete && keptDigests.TryGetValue(item.Tag.Digest!, out var keeper)
            ? item with { Action = CachePruneAction.Keep, Reason = $"{item.Reason}, but it is the same manifest as '{keeper}', which stays (delete works by digest)" }
            : item).ToList();

        // A tag that could not be read may point at any digest: no deletion can be shown to be safe.
        var unread = all.Where(tag => tag.ReadError is not null).Select(tag => tag.Tag).ToList();
        string? stop = null;
        if (unread.Count > 0)
        {
            stop = $"{unread.Count} tag{(unread.Count == 1 ? string.Empty : "s")} could not be read ({string.Join(", ", unread)})";
            notes.Add($"nothing is deleted: {stop}, and any of them may share a manifest with a stale cache (delete works by digest)");
        }
        else if (rules.DefaultBranchGuess is { } guess)
        {
            stop = $"the default branch is only assumed to be '{rules.DefaultBranchSlug}'";
            notes.Add($"nothing is deleted: {guess}; if the assumption is wrong, the real default branch's cache would look stale (give --default-branch)");
        }

        if (stop is not null)
        {
            items = [.. items.Select(item => item.Action == CachePruneAction.Delete
                ? item with { Action = CachePruneAction.Keep, Reason = $"{item.Reason}, but nothing is deleted: {stop}" }
                : item)];
        }

        return new(items, notes);
    }

    private static CachePruneItem First(CacheTagInfo tag, CachePruneRules rules, IReadOnlySet<string>? live)
    {
        if (!tag.Tag.StartsWith(rules.Prefix, StringComparison.Ordinal) || tag.Tag.Length == rules.Prefix.Length)
        {
            return new(tag, null, CachePruneAction.Ignore, rules.Prefix.Length == 0 ? "not a cache tag" : $"not a cache tag (no prefix '{rules.Prefix}')");
        }

        // A cache mount's image (main.mount-nuget) belongs to the branch and scope of the layer cache tag it extends.
        var unprefixed = tag.Tag[rules.Prefix.Length..];
        var layerTag = CacheMountTag.LayerTagOf(unprefixed) ?? unprefixed;

        // With several images in one repository, only this image's tags are judged, as if its scope were not there.
        if (rules.Image is { } image)
        {
            if (image.BranchPartOf(layerTag, out var notOurs) is not { } branchPart)
            {
                return new(tag, null, CachePruneAction.Ignore, notOurs);
            }

            layerTag = branchPart;
        }

        var (slug, scope) = CacheTagOwner.Of(layerTag, rules.DefaultBranchSlug, live);
        var inScope = scope is null ? string.Empty : $" (scope '{scope}')";
        var isDefault = slug == rules.DefaultBranchSlug;
        if (isDefault && scope is null)
        {
            return new(tag, slug, CachePruneAction.Keep, "the default branch's cache");
        }

        // The default branch's scoped caches stay like its own, except by age: a platform or stage no longer built on
        // the default branch (or a gone branch whose slug merely extends the default's) is not rewritten, and ages out.
        // Age is only ever the record's write time: the layers' time is when they were first built, which a fully cached
        // build exports again unchanged, so a ref rewritten a minute ago can carry layers of last month.
        var age = tag.Written is { } written ? rules.Now - written : (TimeSpan?)null;
        var gone = !isDefault && live is not null && !live.Contains(slug);
        var old = rules.MaxAge is { } maxAge && age is { } known && known > maxAge;
        if (!gone && !old)
        {
            var why = isDefault ? "the default branch's cache" + inScope : (live is null ? "branch unknown" : "the branch exists") + inScope;
            return new(tag, slug, CachePruneAction.Keep, rules.MaxAge is not { } limit
                ? why
                : age is { } a
                    ? $"{why}, written {FormatAge(a)} ago (max age {FormatAge(limit)})"
                    : $"{why}; its write time is not recorded (no cache record), so --cache-max-age does not delete it");
        }

        var reasons = new List<string>();
        if (gone)
        {
            reasons.Add($"no branch has the slug '{slug}'");
        }

        if (isDefault)
        {
            reasons.Add($"the default branch's cache{inScope}");
        }

        if (old)
        {
            reasons.Add($"written {FormatAge(age!.Value)} ago, more than the max age {FormatAge(rules.MaxAge!.Value)}");
        }

        var reason = string.Join("; ", reasons);

        // A gone branch's cache without a record: the newest layer's time is the best there is for the recent window
        // (a lower bound of the write time).
        var recent = age ?? (tag.Created is { } created ? rules.Now - created : null);
        if (recent is null)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but when it was written is unknown (it could be within the last hour)");
        }

        if (recent < rules.RecentWindow)
        {
            return new(tag, slug, CachePruneAction.Keep, $"{reason}, but it was written {FormatAge(recent.Value)} ago (within {FormatAge(rules.RecentWindow)})");
        }

        if (tag.Digest is null)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but its manifest could not be read (no digest to delete)");
        }

        if (!tag.IsBuildKitCache && !tag.IsCacheMount)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but it is not a BuildKit cache manifest nor a cache mount's image with its record (only caches are ever deleted)");
        }

        return new(tag, slug, CachePruneAction.Delete, reason);
    }

    /// <summary>A duration as <c>45m</c>, <c>5h</c>, <c>3d</c> (rounded down, at least <c>0m</c>).</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string FormatAge(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "0m";
        }

        var text = new StringBuilder();
        if (duration.TotalDays >= 1)
        {
            text.Append(((int)duration.TotalDays).ToString(CultureInfo.InvariantCulture)).Append('d');
            if (duration.Hours > 0 && duration.TotalDays < 10)
            {
                text.Append(duration.Hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }
        }
        else if (duration.TotalHours >= 1)
        {
            text.Append(((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture)).Append('h');
            if (duration.Minutes > 0)
            {
                text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }
        }
        else
        {
            text.Append(((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return text.ToString();
    }
}
