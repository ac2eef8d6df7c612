using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>Settings of <c>docker buildx bake</c>: many targets in one solve on one builder.</summary>
public sealed class BakeSettings : ToolSettings
{
    /// <summary>The builder (<c>--builder</c>).</summary>
    public string? Builder { get; set; }

    /// <summary>The definition files, in order: a later file's target overrides an earlier one's fields (<c>-f</c>, several).</summary>
    public IList<FilePath> Files { get; } = [];

    /// <summary>The file buildx writes every target's metadata to, one object per target name (<c>--metadata-file</c>).</summary>
    public FilePath? MetadataFile { get; set; }

    /// <summary>The progress output (<c>--progress</c>: plain, rawjson…).</summary>
    public string? Progress { get; set; }

    /// <summary>Print the merged definition as JSON instead of building (<c>--print</c>).</summary>
    public bool Print { get; set; }

    /// <summary>The targets (or groups) to build; none builds the <c>default</c> group.</summary>
    public IList<string> Targets { get; } = [];
}
