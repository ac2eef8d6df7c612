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
}
