using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Settings of <c>docker buildx create [OPTIONS] [CONTEXT|ENDPOINT]</c>. Arguments are rendered in the order
/// of the properties below; driver options sorted by key; the context or endpoint last.
/// </summary>
public sealed class BuildxCreateSettings : ToolSettings
{
    /// <summary>Gets or sets the builder name (<c>--name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the driver (<c>--driver</c>): <c>docker-container</c>, <c>remote</c>, <c>kubernetes</c>.</summary>
    public string? Driver { get; set; }

    /// <summary>Gets the driver options, one <c>--driver-opt key=value</c> each, sorted by key: <c>image</c>, <c>network</c>, ….</summary>
    public IDictionary<string, string> DriverOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets flags for the buildkitd daemon (<c>--buildkitd-flags</c>).</summary>
    public string? BuildkitdFlags { get; set; }

    /// <summary>Gets or sets the buildkitd config file (<c>--config</c> or <c>--buildkitd-config</c>, see <see cref="ConfigFlag"/>).</summary>
    public FilePath? BuildkitdConfig { get; set; }

    /// <summary>
    /// Gets or sets which flag carries <see cref="BuildkitdConfig"/>. The default <see cref="BuildxConfigFlag.Config"/>
    /// works with every buildx; fill it from <see cref="BuildxVersion.CreateConfigFlag"/> to use the current name.
    /// </summary>
    public BuildxConfigFlag ConfigFlag { get; set; } = BuildxConfigFlag.Config;

    /// <summary>Gets the fixed platforms of the node (<c>--platform a,b</c>).</summary>
    public IList<string> Platforms { get; } = [];

    /// <summary>Gets or sets the node to create or modify (<c>--node</c>).</summary>
    public string? Node { get; set; }

    /// <summary>Gets or sets a value indicating whether a node is appended to an existing builder (<c>--append</c>).</summary>
    public bool Append { get; set; }

    /// <summary>Gets or sets a value indicating whether the builder becomes the current one (<c>--use</c>).</summary>
    public bool Use { get; set; }

    /// <summary>Gets or sets a value indicating whether the builder is booted after creation (<c>--bootstrap</c>).</summary>
    public bool Bootstrap { get; set; }

    /// <summary>Gets or sets the docker context or endpoint the builder runs on (positional, last).</summary>
    public string? Endpoint { get; set; }
}
