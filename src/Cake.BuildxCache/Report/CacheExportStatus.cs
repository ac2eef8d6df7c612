namespace Cake.BuildxCache.Report;

/// <summary>Status texts that only a cache export prints, in every BuildKit version seen (0.11 to 0.2x).</summary>
internal static class CacheExportStatus
{
    private static readonly string[] Prefixes =
    [
        "preparing build cache for export",
        "writing layer ",
        "writing cache manifest",
        "writing cache image manifest",
    ];

    public static bool IsCacheExport(string statusText) =>
        Prefixes.Any(prefix => statusText.StartsWith(prefix, StringComparison.Ordinal));
}
