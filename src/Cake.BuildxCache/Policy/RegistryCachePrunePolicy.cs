using System.Globalization;
using System.Text;

namespace Cake.BuildxCache.Policy;

/// <summary>One tag of the cache repository, with what the registry told about it.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Digest">The manifest digest it points at (what delete takes), or null when it could not be read.</param>
/// <param name="Size">The sum of its blobs' sizes, when known.</param>
/// <param name="Created">When it was written, when derivable, else null.</param>
/// <param name="CreatedIsLowerBound">
/// True when <paramref name="Created"/> is only a lower bound (the newest layer's build time, the only time a
/// BuildKit cache carries): the ref was written then or later.
/// </param>
/// <param name="Blobs">The digests and sizes of the blobs it references, when known (to tell what deleting frees).</param>
/// <param name="IsBuildKitCache">
/// True only when the manifest was read and is a BuildKit cache (config <c>application/vnd.buildkit.cacheconfig.v0</c>,
/// or an index holding one): nothing else is ever deleted.
/// </param>
/// <param name="ReadError">Why the tag could not be read, when it could not: then the whole prune deletes nothing.</param>
public sealed record CacheTagInfo(
    string Tag,
    string? Digest,
    long? Size,
    DateTimeOffset? Created,
    bool CreatedIsLowerBound = false,
    IReadOnlyDictionary<string, long>? Blobs = null,
    bool IsBuildKitCache = false,
    string? ReadError = null);

/// <summary>The rules of a registry cache prune.</summary>
/// <param name="Prefix">The cache tag prefix (cache tag = prefix + slug); tags without it are never touched.</param>
/// <param name="DefaultBranchSlug">The default branch's slug: its cache is never deleted.</param>
/// <param name="LiveSlugs">The slugs of the branches that exist (see <see cref="RemoteBranches"/>), or null when unknown: then only the age rule applies.</param>
/// <param name="MaxAge">Caches written longer ago than this go (<c>--cache-max-age</c>), or null for no age limit.</param>
/// <param name="Now">The current time.</param>
public sealed record CachePruneRules(string Prefix, string DefaultBranchSlug, IReadOnlySet<string>? LiveSlugs, TimeSpan? MaxAge, DateTimeOffset Now)
{
    /// <summary>A ref written within this window is never deleted (default one hour).</summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Why the default branch is only a guess (neither CI, <c>--default-branch</c> nor the remote named it), or null
    /// when it is known. A guessed default branch could be the wrong one, and its real cache would then look stale:
    /// nothing is deleted.
    /// </summary>
    public string? DefaultBranchGuess { get; init; }
}

/// <summary>What happens to a tag.</summary>
public enum CachePruneAction
{
    /// <summary>The tag (its manifest, by digest) is deleted.</summary>
    Delete,

    /// <summary>The tag is a cache tag and stays.</summary>
    Keep,

    /// <summary>The tag is not a cache tag (no prefix): never touched.</summary>
    Ignore,
}

/// <summary>The decision for one tag.</summary>
/// <param name="Tag">The tag and what is known of it.</param>
/// <param name="Slug">The slug the tag is keyed by (the tag without prefix), or null for an ignored tag.</param>
/// <param name="Action">What happens to it.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record CachePruneItem(CacheTagInfo Tag, string? Slug, CachePruneAction Action, string Reason);

/// <summary>The decision over a cache repository's tags, and its printable listing.</summary>
/// <param name="Items">One decision per tag, in the order given.</param>
/// <param name="Notes">Decisions about the whole run (e.g. an unreliable branch list).</param>
public sealed record CachePruneDecision(IReadOnlyList<CachePruneItem> Items, IReadOnlyList<string> Notes)
{
    /// <summary>The tags to delete.</summary>
    public IReadOnlyList<CachePruneItem> Deletions => [.. Items.Where(item => item.Action == CachePruneAction.Delete)];

    /// <summary>The manifest digests to delete, each once (tags that share a manifest go together).</summary>
    public IReadOnlyList<string> DigestsToDelete => [.. Deletions.Select(item => item.Tag.Digest!).Distinct(StringComparer.Ordinal)];

    /// <summary>The listed size of what goes: the sizes of the deleted manifests, each counted once (unknown sizes as 0).</summary>
    public long TotalSize => Deletions.DistinctBy(item => item.Tag.Digest).Sum(item => item.Tag.Size ?? 0);

    /// <summary>
    /// The bytes in blobs that only deleted manifests reference (what the registry's garbage collection can
    /// free, as far as the listed tags tell), or null when some blob lists are unknown.
    /// </summary>
    public long? Reclaimable
    {
        get
        {
            var listed = Items.Where(item => item.Action != CachePruneAction.Ignore).ToList();
            if (listed.Any(item => item.Tag.Blobs is null))
            {
                return null;
            }

            var kept = listed.Where(item => item.Action == CachePruneAction.Keep).SelectMany(item => item.Tag.Blobs!.Keys).ToHashSet(StringComparer.Ordinal);
            return Deletions.SelectMany(item => item.Tag.Blobs!).Where(blob => !kept.Contains(blob.Key)).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        }
    }

    /// <summary>
    /// The listing: one line per tag (action, tag, size, when written, why), then the total. A dry run says what
    /// would go; otherwise what is being deleted.
    /// </summary>
    /// <param name="repository">The cache repository, for the heading.</param>
    /// <param name="dryRun">True when nothing is deleted.</param>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> Listing(string repository, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var lines = new List<string>
        {
            $"registry cache prune: {repository} ({(dryRun ? "dry run, nothing is deleted; --confirm deletes" : "deleting")})",
        };
        lines.AddRange(Notes.Select(note => "  note: " + note));
        var tagWidth = Math.Max(3, Items.Count == 0 ? 0 : Items.Max(item => item.Tag.Tag.Length));
        foreach (var item in Items.OrderBy(item => item.Action).ThenBy(item => item.Tag.Tag, StringComparer.Ordinal))
        {
            var action = item.Action switch
            {
                CachePruneAction.Delete => dryRun ? "would delete" : "delete",
                CachePruneAction.Keep => "keep",
                _ => "ignore",
            };
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"  {action,-12}  {item.Tag.Tag.PadRight(tagWidth)}  {FormatSize(item.Tag.Size),10}  {FormatTime(item.Tag),-18}  {item.Reason}"));
        }

        var deletions = Deletions;
        var manifests = DigestsToDelete.Count;
        var reclaimable = Reclaimable is { } bytes ? $" ({FormatSize(bytes)} in blobs no kept cache tag uses; freed by the registry's garbage collection)" : string.Empty;
        lines.Add(deletions.Count == 0
            ? "  nothing to delete"
            : $"  {(dryRun ? "would delete" : "deleting")} {deletions.Count} of {Items.Count(item => item.Action != CachePruneAction.Ignore)} cache tags ({manifests} manifest{(manifests == 1 ? string.Empty : "s")}), {FormatSize(TotalSize)}{reclaimable}");
        return lines;
    }

    /// <summary>Bytes as <c>512 B</c>, <c>1.5 KiB</c>, <c>12.3 MiB</c>, <c>1.2 GiB</c>; <c>-</c> when unknown.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The text.</returns>
    public static string FormatSize(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "-";
        }

        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double size = value;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0
            ? value.ToString(CultureInfo.InvariantCulture) + " B"
            : size.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string FormatTime(CacheTagInfo tag) => tag.Created is { } created
        ? (tag.CreatedIsLowerBound ? ">=" : string.Empty) + created.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
        : "-";
}

/// <summary>
/// Which registry cache tags to delete (issue 5.4), with no I/O. Rules, in order:
/// <list type="number">
/// <item>a tag without the cache prefix is ignored (with the <c>&lt;image&gt;:cache-&lt;slug&gt;</c> style, image tags live there too);</item>
/// <item>the default branch's cache is kept;</item>
/// <item>a cache whose branch is gone (its slug is not among the live slugs) or that was written longer ago than
/// <c>--cache-max-age</c> is a candidate; any other is kept;</item>
/// <item>a candidate written within the last hour is kept, and so is one whose write time cannot be derived at all
/// (it might have been written a minute ago); a lower-bound time (the newest layer's) counts as the write time;</item>
/// <item>a candidate whose manifest could not be read (no digest) is kept;</item>
/// <item>a candidate that is not a BuildKit cache manifest (an image, an image index, anything else) is kept;</item>
/// <item>a digest is deleted only when every tag of the repository pointing at it is itself deleted: deleting by
/// digest removes every tag of that manifest, prefixed or not;</item>
/// <item>when any tag could not be read, or the default branch is only a guess, nothing is deleted.</item>
/// </list>
/// A live-branch list that lacks the default branch is taken as unreliable (a failed or empty <c>git ls-remote</c>):
/// then only the age rule applies.
/// </summary>
public static class RegistryCachePrunePolicy
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
        var first = all.Select(tag => First(tag, rules, live)).ToList();

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

        var slug = tag.Tag[rules.Prefix.Length..];
        if (slug == rules.DefaultBranchSlug)
        {
            return new(tag, slug, CachePruneAction.Keep, "the default branch's cache");
        }

        var age = tag.Created is { } created ? rules.Now - created : (TimeSpan?)null;
        var gone = live is not null && !live.Contains(slug);
        var old = rules.MaxAge is { } maxAge && age is { } known && known > maxAge;
        if (!gone && !old)
        {
            var why = live is null ? "branch unknown" : "the branch exists";
            return new(tag, slug, CachePruneAction.Keep, age is { } a && rules.MaxAge is { } limit ? $"{why}, written {FormatAge(a)} ago (max age {FormatAge(limit)})" : why);
        }

        var reasons = new List<string>();
        if (gone)
        {
            reasons.Add($"no branch has the slug '{slug}'");
        }

        if (old)
        {
            reasons.Add($"written {FormatAge(age!.Value)} ago, more than the max age {FormatAge(rules.MaxAge!.Value)}");
        }

        var reason = string.Join("; ", reasons);
        if (age is null)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but when it was written is unknown (it could be within the last hour)");
        }

        if (age < rules.RecentWindow)
        {
            return new(tag, slug, CachePruneAction.Keep, $"{reason}, but it was written {FormatAge(age.Value)} ago (within {FormatAge(rules.RecentWindow)})");
        }

        if (tag.Digest is null)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but its manifest could not be read (no digest to delete)");
        }

        if (!tag.IsBuildKitCache)
        {
            return new(tag, slug, CachePruneAction.Keep, reason + ", but it is not a BuildKit cache manifest (only caches are ever deleted)");
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
