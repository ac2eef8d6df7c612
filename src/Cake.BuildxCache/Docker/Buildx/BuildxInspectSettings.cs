using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Settings of <c>docker buildx inspect [NAME] [--bootstrap]</c>.</summary>
public sealed class BuildxInspectSettings : ToolSettings
{
    /// <summary>Gets or sets the builder to inspect; <c>null</c> inspects the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>Gets or sets a value indicating whether the builder is booted before it is inspected (<c>--bootstrap</c>).</summary>
    public bool Bootstrap { get; set; }
}
