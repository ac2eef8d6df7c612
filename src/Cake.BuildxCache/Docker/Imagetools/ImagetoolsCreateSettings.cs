using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Imagetools;

/// <summary>
/// Settings of <c>docker buildx imagetools create [OPTIONS] SOURCE...</c>: one index from the source images (each an
/// image manifest, or an index whose manifests are taken over), pushed under every tag. Rendered in the order below.
/// </summary>
public sealed class ImagetoolsCreateSettings : ToolSettings
{
    /// <summary>Gets or sets the builder whose registry configuration is used (<c>--builder</c>), or null for the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>Gets the references the new index is pushed under (<c>--tag</c>, each once).</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>Gets the annotations, each <c>[type:]key=value</c> (<c>--annotation</c>; <c>index:</c> for the index's own), in order.</summary>
    public IList<string> Annotations { get; } = [];

    /// <summary>Gets or sets the file buildx writes the result's metadata to (<c>--metadata-file</c>): the new index's digest.</summary>
    public FilePath? MetadataFile { get; set; }

    /// <summary>Gets or sets a value indicating whether the index is only printed, not pushed (<c>--dry-run</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>Gets or sets the progress output (<c>--progress</c>), or null for buildx's default.</summary>
    public string? Progress { get; set; }

    /// <summary>Gets the source images, pinned by digest (<c>registry/app@sha256:…</c>), in order (positional, last).</summary>
    public IList<string> Sources { get; } = [];
}
