using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Settings of <c>docker buildx du</c>, rendered in the order below.</summary>
public sealed class BuildxDuSettings : ToolSettings
{
    /// <summary>Gets or sets the builder (<c>--builder</c>); <c>null</c> uses the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>Gets the filters, one <c>--filter</c> each in the given order.</summary>
    public IList<string> Filters { get; } = [];

    /// <summary>Gets or sets a value indicating whether every record is listed (<c>--verbose</c>).</summary>
    public bool Verbose { get; set; }
}
