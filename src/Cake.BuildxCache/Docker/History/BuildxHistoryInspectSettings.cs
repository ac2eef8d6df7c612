using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.History;

/// <summary>
/// Settings of <c>docker buildx history inspect --format json</c> (buildx 0.21 and later, see
/// <see cref="BuildxHistoryFlags"/>): BuildKit's record of one build. Always JSON, which the runner reads.
/// </summary>
public sealed class BuildxHistoryInspectSettings : ToolSettings
{
    /// <summary>Gets or sets the builder (<c>--builder</c>); <c>null</c> uses the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>
    /// Gets or sets the record: a build's id (the last part of <c>buildx.build.ref</c> in its metadata file, see
    /// <see cref="Build.BuildMetadata.BuildRecordId"/>) or <c>^N</c> for the Nth latest; <c>null</c> for the latest build.
    /// </summary>
    public string? Ref { get; set; }
}
