using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// A fan-out job's hand-off file, <c>artifacts/fan-out-&lt;platform&gt;.json</c>: the platform, the image, the digest it
/// was pushed under and the commit it was built from, for the Merge task to join and to check against its own commit.
/// </summary>
internal static class FanOutFile
{
    /// <summary>The file's text.</summary>
    /// <param name="image">What the job pushed.</param>
    /// <returns>The JSON.</returns>
    public static string Render(PlatformImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var json = new JsonObject
        {
            ["platform"] = image.Platform,
            ["image"] = image.Image,
            ["digest"] = image.Digest,
            ["commit"] = image.Commit,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Reads a file's text.</summary>
    /// <param name="text">The JSON.</param>
    /// <param name="source">Where it was read from, for messages.</param>
    /// <returns>The image, or null with the reason when the text is not a hand-off file.</returns>
    public static (PlatformImage? Image, string? Problem) Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (JsonNode.Parse(text) is not JsonObject json)
            {
                return (null, $"{source} is not a JSON object");
            }

            string? Field(string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var field) && field.Length > 0 ? field : null;
            var (platform, image, digest) = (Field("platform"), Field("image"), Field("digest"));
            return platform is null || image is null || digest is null
                ? (null, $"{source} lacks platform, image or digest")
                : (new PlatformImage(platform, image, digest, Field("commit"), source), null);
        }
        catch (JsonException exception)
        {
            return (null, $"{source} is not JSON: {exception.Message}");
        }
    }
}
