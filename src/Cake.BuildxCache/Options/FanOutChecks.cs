namespace Cake.BuildxCache.Options;

/// <summary>
/// The checks of <c>--fan-out</c> and <c>--platform-digest</c>, part of <see cref="BuildxCacheOptionsValidator"/>. A
/// fan-out job builds exactly one platform and pushes it by digest: loading it, or not pushing it, leaves Merge nothing
/// to join. A listed digest names a platform and a <c>sha256:</c> digest.
/// </summary>
internal static class FanOutChecks
{
    /// <summary>The problems of these options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FanOut)
        {
            var platforms = options.Platforms.Where(platform => platform != "local").ToList();
            if (platforms.Count != 1)
            {
                yield return Problem(
                    options,
                    OptionCatalog.FanOut,
                    platforms.Count == 0
                        ? "needs exactly one --platform (the platform this job builds), and none is set: add --platform=linux/amd64 (one job per platform), or drop --fan-out"
                        : $"needs exactly one --platform, and {platforms.Count} are set ({string.Join(",", platforms)}): give each job one platform, and the Merge job all of them");
            }

            if (options.Load == true)
            {
                yield return Problem(options, OptionCatalog.FanOut, "cannot go with --load=true: a fan-out image is pushed by digest for Merge to join; drop --load, or drop --fan-out to load one platform");
            }

            if (options.Push == false)
            {
                yield return Problem(options, OptionCatalog.FanOut, "cannot go with --push=false: a fan-out image is pushed by digest for Merge to join; drop --push=false, or drop --fan-out");
            }

            if (options.PlatformDigests.Count > 0)
            {
                yield return Problem(options, OptionCatalog.FanOut, "cannot go with --platform-digest, which lists the digests the Merge job joins: give --platform-digest to the Merge job only");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (platform, digest) in options.PlatformDigests)
        {
            var text = platform + "=" + digest;
            var platformProblem = platform == "local" ? "is not a platform of an image" : OptionFormats.CheckPlatform(platform);
            if (platformProblem is not null)
            {
                yield return Problem(options, OptionCatalog.PlatformDigest, $"has the platform '{platform}', which {platformProblem}: write platform=sha256:<64 hex digits>", text);
            }
            else if (!IsSha256(digest))
            {
                yield return Problem(options, OptionCatalog.PlatformDigest, $"has '{digest}' after '=': a digest is sha256: and 64 lowercase hex digits (the fan-out job's IMAGE_DIGEST_… or artifacts/fan-out-….json)", text);
            }
            else if (!seen.Add(platform))
            {
                yield return Problem(options, OptionCatalog.PlatformDigest, $"names {platform} a second time: one digest per platform", text);
            }
        }
    }

    /// <summary>True for <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
    /// <param name="digest">The text.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsSha256(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && digest[7..].All(char.IsAsciiHexDigitLower);

    private static OptionProblem Problem(BuildxCacheOptions options, OptionDescriptor option, string problem, string? value = null) =>
        OptionProblem.For(option, value ?? "true", options.OriginOf(option), problem);
}
