namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>One node of a builder, as <c>docker buildx inspect</c> prints it (0.10 and newer shapes).</summary>
/// <param name="Name">The node name.</param>
public sealed record BuilderNode(string Name)
{
    /// <summary>Gets the endpoint, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the status: <c>running</c>, <c>inactive</c>, <c>stopped</c>, …, or <c>null</c> when not printed.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the BuildKit version (<c>Buildkit:</c> in 0.10, <c>BuildKit version:</c> later), or <c>null</c>.</summary>
    public string? BuildkitVersion { get; init; }

    /// <summary>
    /// Gets <see cref="BuildkitVersion"/> as major.minor.patch (<c>v0.17.0-rc1</c> is 0.17.0, <c>v0.12</c> is 0.12.0),
    /// or <c>null</c> when it was not printed (a stopped node) or is not a version.
    /// </summary>
    public Version? BuildkitVersionNumber
    {
        get
        {
            var text = BuildkitVersion?.Trim().TrimStart('v') ?? string.Empty;
            var numeric = new string([.. text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]).TrimEnd('.');
            return Version.TryParse(numeric.Contains('.', StringComparison.Ordinal) ? numeric : string.Empty, out var version)
                ? new Version(version.Major, version.Minor, Math.Max(version.Build, 0))
                : null;
        }
    }

    /// <summary>Gets the platforms, without the <c>*</c> that marks platforms set by hand.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Gets the platforms set on the node by hand (<c>buildx create --platform</c>), which buildx marks with <c>*</c>.</summary>
    public IReadOnlyList<string> FixedPlatforms { get; init; } = [];

    /// <summary>Gets the driver options, e.g. <c>image</c> → <c>moby/buildkit:v0.11.6</c>.</summary>
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the <c>BuildKit daemon flags</c> line (newer buildx), or <c>null</c>.</summary>
    public string? DaemonFlags { get; init; }

    /// <summary>Gets the worker labels (newer buildx's <c>Labels:</c> block).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the features (newer buildx's <c>Features:</c> block), e.g. <c>Cache export</c> → <c>true</c>.</summary>
    public IReadOnlyDictionary<string, string> Features { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the node's <c>Error:</c> line, when buildx could not reach it.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a value indicating whether the node reports <c>running</c>.</summary>
    public bool IsRunning => string.Equals(Status, "running", StringComparison.OrdinalIgnoreCase);
}
