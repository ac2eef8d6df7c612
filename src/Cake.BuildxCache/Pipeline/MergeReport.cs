using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// What Merge did, for <c>artifacts/buildx-report.json</c> and the job summary: Merge builds nothing, so its report is
/// the platforms it joined, not cache counts. The JSON's shape:
/// <code>
/// {
///   "schemaVersion": 1,
///   "kind": "merge",
///   "image": "registry/app",
///   "index": "sha256:…",            // the index every tag points at after the merge
///   "platforms": [{ "platform": "linux/amd64", "digest": "sha256:…", "commit": "…", "source": "artifacts/fan-out-linux-amd64.json" }],
///   "tags": ["registry/app:main"],
///   "tagsMoved": false,             // false when every tag held these image manifests already
///   "message": "image unchanged: …"
/// }
/// </code>
/// </summary>
/// <param name="Image">The image repository.</param>
/// <param name="Index">The index the tags point at, or null.</param>
/// <param name="Platforms">The platform images joined, in <c>--platform</c>'s order.</param>
/// <param name="Tags">The full tags.</param>
/// <param name="TagsMoved">True when <c>imagetools create</c> ran and moved the tags.</param>
/// <param name="Message">Why the tags moved or not.</param>
internal sealed record MergeReport(string Image, string? Index, IReadOnlyList<PlatformImage> Platforms, IReadOnlyList<string> Tags, bool TagsMoved, string Message)
{
    /// <summary>The version of the JSON's shape.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The value of <c>kind</c>, which tells a Merge report from a build's.</summary>
    public const string Kind = "merge";

    /// <summary>Renders the JSON.</summary>
    /// <returns>The document, indented, with <c>\n</c> line ends.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("kind", Kind);
            json.WriteString("image", Image);
            json.WriteString("index", Index);
            json.WriteStartArray("platforms");
            foreach (var platform in Platforms)
            {
                json.WriteStartObject();
                json.WriteString("platform", platform.Platform);
                json.WriteString("digest", platform.Digest);
                json.WriteString("commit", platform.Commit);
                json.WriteString("source", platform.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tags");
            foreach (var tag in Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteBoolean("tagsMoved", TagsMoved);
            json.WriteString("message", Message);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The GitHub job summary: the index, each platform with its digest, the tags and whether they moved.</summary>
    /// <returns>The Markdown, ending with a blank line.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### Image ").Append(MarkdownReport.Code(Image)).Append(" (merged)\n\n");
        text.Append("- index: ").Append(Index is { } index ? MarkdownReport.Code(index) : "none").Append('\n');
        text.Append("- tags: ").Append(Tags.Count == 0 ? "none" : string.Join(", ", Tags.Select(MarkdownReport.Code)))
            .Append(TagsMoved ? " (moved)" : " (not moved)").Append('\n');
        text.Append("- ").Append(MarkdownReport.Escape(Message.ReplaceLineEndings(" "))).Append("\n\n");
        text.Append("| platform | digest | from |\n|---|---|---|\n");
        foreach (var platform in Platforms)
        {
            text.Append("| ").Append(MarkdownReport.Code(platform.Platform)).Append(" | ").Append(MarkdownReport.Code(platform.Digest))
                .Append(" | ").Append(MarkdownReport.Escape(platform.Source)).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }
}
