namespace Cake.BuildxCache.Policy;

/// <summary>Where a build leaves its results for the pipeline, relative to the working directory.</summary>
internal static class ArtifactPaths
{
    /// <summary>buildx's <c>--metadata-file</c> unless <c>--metadata-file</c> says otherwise.</summary>
    public const string Metadata = "artifacts/buildx-metadata.json";

    /// <summary>The cache report: steps, cached, ran, per stage, time (<c>JsonReport</c>'s schema).</summary>
    public const string Report = "artifacts/buildx-report.json";

    /// <summary>The buildkitd.toml generated from registry-mirror and insecure-registry, which <c>buildx create</c> reads.</summary>
    public const string BuildkitdConfig = "artifacts/buildkitd.toml";

    /// <summary>GitLab's dotenv report: IMAGE, IMAGE_DIGEST, IMAGE_TAGS, CACHE_REF.</summary>
    public const string BuildEnv = "artifacts/build.env";

    /// <summary>The folder of the fan-out hand-off files, which Merge reads.</summary>
    public const string Folder = "artifacts";

    /// <summary>What a fan-out hand-off file's name starts with, before the platform.</summary>
    public const string FanOutPrefix = "fan-out-";

    /// <summary>
    /// A fan-out job's hand-off file (<c>artifacts/fan-out-linux-amd64.json</c>): one per platform, so that the files of
    /// two jobs gathered into one folder never collide.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The path.</returns>
    public static string FanOut(string platform) => $"{Folder}/{FanOutPrefix}{Options.CacheScope.Slug(platform)}.json";

    /// <summary>
    /// The metadata file of one platform's cache-only build in a multi-node build
    /// (<c>artifacts/buildx-metadata-cache-linux-386.json</c>): the cache manifest it wrote, which its record names.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The path.</returns>
    public static string CacheExportMetadata(string platform) => $"{Folder}/buildx-metadata-cache-{Options.CacheScope.Slug(platform)}.json";
}
