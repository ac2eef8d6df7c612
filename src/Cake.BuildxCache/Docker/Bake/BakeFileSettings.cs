using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>
/// Settings of the <c>docker buildx bake</c> commands that read a user's bake file without building:
/// <c>-f FILE… [--print | --list=… | --call=…] [TARGET…]</c>.
/// </summary>
internal sealed class BakeFileSettings : ToolSettings
{
    /// <summary>Gets the bake files, in order (<c>-f</c>; a later file overrides an earlier one's attributes).</summary>
    public IList<string> Files { get; } = [];

    /// <summary>Gets the targets or groups; none means the file's <c>default</c> group.</summary>
    public IList<string> Targets { get; } = [];

    /// <summary>Gets or sets a value indicating whether the resolved definition is printed as JSON (<c>--print</c>).</summary>
    public bool Print { get; set; }

    /// <summary>Gets or sets what is listed (<c>--list</c>, e.g. <c>type=targets,format=json</c>), or null.</summary>
    public string? List { get; set; }

    /// <summary>Gets or sets the build method (<c>--call</c>, e.g. <c>check</c>), or null to build.</summary>
    public string? Call { get; set; }

    /// <summary>Gets or sets the progress output (<c>--progress</c>), or null for buildx's default.</summary>
    public string? Progress { get; set; }

    /// <summary>Gets or sets the builder (<c>--builder</c>), or null for the current one.</summary>
    public string? Builder { get; set; }
}
