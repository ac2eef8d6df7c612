using Cake.BuildxCache.Docker.Build;

namespace Cake.BuildxCache.Tasks;

/// <summary>What the build produced, read from its metadata file.</summary>
/// <param name="MetadataFile">The metadata file's path.</param>
/// <param name="Metadata">Its content, or null when buildx wrote none.</param>
public sealed record BuildOutcome(string MetadataFile, BuildMetadata? Metadata);
