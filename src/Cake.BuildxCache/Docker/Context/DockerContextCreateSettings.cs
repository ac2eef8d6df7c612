using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>Settings of <c>docker context create NAME [--description …] --docker …</c>, rendered in that order.</summary>
public sealed class DockerContextCreateSettings : ToolSettings
{
    /// <summary>Gets or sets the context name (positional, first).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the description (<c>--description</c>).</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the docker endpoint (<c>--docker</c>).</summary>
    public DockerEndpoint? Docker { get; set; }
}
