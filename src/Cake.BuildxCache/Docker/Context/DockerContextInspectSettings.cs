using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>Settings of <c>docker context inspect NAME</c>.</summary>
public sealed class DockerContextInspectSettings : ToolSettings
{
    /// <summary>Gets or sets the context name (positional).</summary>
    public string? Name { get; set; }
}
