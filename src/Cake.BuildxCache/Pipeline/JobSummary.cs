using System.Text;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// The GitHub Actions job summary of a build (Markdown appended to <c>$GITHUB_STEP_SUMMARY</c>): the image, its
/// digest and tags, the cache refs read and written, the image verdict and the cache promotion when there are, then
/// the cache report when there is one. Lines end with <c>\n</c>.
/// </summary>
internal static class JobSummary
{
    /// <summary>Renders the summary.</summary>
    /// <param name="handOff">The build's result.</param>
    /// <param name="report">The cache report's numbers, or null when no report could be made.</param>
    /// <returns>The Markdown, ending with a blank line so that a later append starts a new block.</returns>
    public static string Render(BuildHandOff handOff, BuildSummary? report)
    {
        ArgumentNullException.ThrowIfNull(handOff);
        var text = new StringBuilder();
        text.Append("### Image ").Append(MarkdownReport.Code(handOff.Image)).Append("\n\n");
        text.Append("- digest: ").Append(handOff.Digest is { } digest ? MarkdownReport.Code(digest) : "none (not pushed)").Append('\n');
        if (handOff.Platform is { } platform)
        {
            text.Append("- platform: ").Append(MarkdownReport.Code(platform)).Append(", pushed by digest only (Merge moves the tags)\n");
        }

        if (handOff.Platforms.Count > 0)
        {
            text.Append("- platforms: ").Append(List(handOff.Platforms)).Append('\n');
        }

        text.Append("- tags: ").Append(List(handOff.Tags)).Append('\n');
        text.Append("- cache read: ").Append(List(handOff.CacheFrom)).Append('\n');
        text.Append("- cache written: ").Append(handOff.CacheTo is { } cacheTo ? MarkdownReport.Code(cacheTo) : "none (read-only)").Append('\n');
        if (handOff.ImageVerdict is { } verdict)
        {
            text.Append("- image: **").Append(verdict).Append("**").Append(Why(handOff.ImageVerdictWhy)).Append('\n');
        }

        if (handOff.CachePromotion is { } promotion)
        {
            text.Append("- cache promotion: **").Append(promotion).Append("**").Append(Why(handOff.CachePromotionWhy)).Append('\n');
        }

        text.Append('\n');
        if (report is not null)
        {
            text.Append(MarkdownReport.Render(report)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Renders the summary of a run of several declared images: one row per image (its name and repository, steps
    /// cached, digest, verdict), then each image's own summary.
    /// </summary>
    /// <param name="images">Each image's result and cache report's numbers (null when no report could be made).</param>
    /// <returns>The Markdown, ending with a blank line.</returns>
    public static string Render(IReadOnlyList<(BuildHandOff HandOff, BuildSummary? Report)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var text = new StringBuilder("### Images\n\n| image | steps cached | digest | verdict |\n|---|---|---|---|\n");
        foreach (var (handOff, report) in images)
        {
            var cached = report?.Counts is { } counts ? $"{counts.Cached} of {counts.Steps}" : "unknown";
            var verdict = handOff.ImageVerdict ?? (handOff.Digest is null ? "not pushed" : "pushed");
            text.Append("| ").Append(MarkdownReport.Code(handOff.ImageName ?? handOff.Image)).Append(' ').Append(MarkdownReport.Code(handOff.Image))
                .Append(" | ").Append(cached)
                .Append(" | ").Append(handOff.Digest is { } digest ? MarkdownReport.Code(digest) : "none")
                .Append(" | ").Append(verdict).Append(" |\n");
        }

        text.Append('\n');
        foreach (var (handOff, report) in images)
        {
            text.Append(Render(handOff, report));
        }

        return text.ToString();
    }

    private static string Why(string? why) => why is null ? string.Empty : " — " + MarkdownReport.Escape(why.ReplaceLineEndings(" "));

    private static string List(IReadOnlyList<string> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(MarkdownReport.Code));
}
