using System.Globalization;

namespace Cake.BuildxCache.Policy;

/// <summary>The decision over a cache repository's tags, and its printable listing.</summary>
/// <param name="Items">One decision per tag, in the order given.</param>
/// <param name="Notes">Decisions about the whole run (e.g. an unreliable branch list).</param>
internal sealed record CachePruneDecision(IReadOnlyList<CachePruneItem> Items, IReadOnlyList<string> Notes)
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

    // The record's write time when there is one; else the manifest's own time (">=": the newest layer's, a lower bound).
    private static string FormatTime(CacheTagInfo tag) => tag.Written is { } written
        ? written.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
        : tag.Created is { } created
            ? (tag.CreatedIsLowerBound ? ">=" : string.Empty) + created.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : "-";
}
