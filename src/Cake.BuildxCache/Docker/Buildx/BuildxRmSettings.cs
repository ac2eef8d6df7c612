using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Settings of <c>docker buildx rm [OPTIONS] NAME</c>, rendered in the order below.</summary>
public sealed class BuildxRmSettings : ToolSettings
{
    /// <summary>Gets or sets the builder to remove (positional, last); <c>null</c> removes the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>Gets or sets a value indicating whether the BuildKit state volume is kept (<c>--keep-state</c>).</summary>
    public bool KeepState { get; set; }

    /// <summary>Gets or sets a value indicating whether the BuildKit daemon is kept running (<c>--keep-daemon</c>).</summary>
    public bool KeepDaemon { get; set; }
}
