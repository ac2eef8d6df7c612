using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// A build's step outputs on GitHub Actions, from the same hand-off as GitLab's <c>build.env</c>
/// (<see cref="BuildEnvFile"/>):
/// <list type="table">
/// <item><term><c>image</c></term><description>the image repository</description></item>
/// <item><term><c>digest</c></term><description>the pushed digest (left out when nothing was pushed)</description></item>
/// <item><term><c>tags</c></term><description>the full tags, one per line (<c>ghcr.io/org/app:main</c>)</description></item>
/// <item><term><c>cache-ref</c></term><description>the cache ref written (left out when read-only)</description></item>
/// <item><term><c>image-verdict</c></term><description><c>changed</c> or <c>unchanged</c> (left out without the check)</description></item>
/// <item><term><c>cache-promotion</c></term><description><c>promoted</c> or <c>not-promoted</c> (left out without <c>--cache-promote</c>)</description></item>
/// <item><term><c>digest-linux-amd64</c></term><description>a fan-out job's digest, named after its platform in place
/// of <c>digest</c> (a matrix job's outputs would otherwise overwrite each other)</description></item>
/// <item><term><c>platforms</c></term><description>the Merge task's platforms, comma separated</description></item>
/// <item><term><c>images</c></term><description>a JSON list, one object per image with the fields above (tags as a
/// list), so that a build of several images hands them on under the same names</description></item>
/// </list>
/// A run of several declared images writes each image's outputs with its name after them (<c>image-api</c>,
/// <c>digest-api</c>, <c>tags-api</c>…) and one <c>images</c> list of them all, each with its <c>name</c>.
/// </summary>
internal static class GitHubOutputs
{
    /// <summary>The outputs, in order; a null value is left out.</summary>
    /// <param name="handOff">The build's result.</param>
    /// <returns>The outputs.</returns>
    public static IReadOnlyList<KeyValuePair<string, string?>> Of(BuildHandOff handOff) => Of([handOff]);

    /// <summary>The outputs of several images' results, each under its own names, then the <c>images</c> list of them all.</summary>
    /// <param name="handOffs">The results.</param>
    /// <returns>The outputs.</returns>
    public static IReadOnlyList<KeyValuePair<string, string?>> Of(IReadOnlyList<BuildHandOff> handOffs)
    {
        ArgumentNullException.ThrowIfNull(handOffs);
        return
        [
            .. handOffs.SelectMany(Own),
            new("images", new JsonArray([.. handOffs.Select(Image)]).ToJsonString(new JsonSerializerOptions { WriteIndented = false })),
        ];
    }

    private static IEnumerable<KeyValuePair<string, string?>> Own(BuildHandOff handOff)
    {
        var image = handOff.ImageName is { } name ? "-" + name : string.Empty;
        return
        [
            new("image" + image, handOff.Image),
            new("digest" + image + (handOff.PlatformSlug is { } platform ? "-" + platform : string.Empty), handOff.Digest),
            new("tags" + image, string.Join('\n', handOff.Tags)),
            new("cache-ref" + image, handOff.CacheTo),
            new("image-verdict" + image, handOff.ImageVerdict),
            new("cache-promotion" + image, handOff.CachePromotion),
            new("platforms" + image, handOff.Platforms.Count == 0 ? null : string.Join(',', handOff.Platforms)),
        ];
    }

    private static JsonObject Image(BuildHandOff handOff)
    {
        var image = new JsonObject
        {
            ["image"] = handOff.Image,
            ["digest"] = handOff.Digest,
            ["tags"] = new JsonArray([.. handOff.Tags.Select(tag => (JsonNode?)JsonValue.Create(tag))]),
            ["cache-ref"] = handOff.CacheTo,
            ["image-verdict"] = handOff.ImageVerdict,
            ["cache-promotion"] = handOff.CachePromotion,
        };
        if (handOff.Platform is { } platform)
        {
            image["platform"] = platform;
        }

        if (handOff.ImageName is { } name)
        {
            image["name"] = name;
        }

        return image;
    }
}
