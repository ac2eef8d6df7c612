using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Settings of <c>docker buildx prune</c>, rendered in the order below. Sizes are docker's byte strings
/// (<c>5GB</c>, <c>512MB</c>). <see cref="MaxUsedSpace"/>, <see cref="ReservedSpace"/> and <see cref="MinFreeSpace"/>
/// need buildx 0.18 or later, the max and min also BuildKit 0.17; <see cref="KeepStorage"/> is the older name of
/// <see cref="ReservedSpace"/> (see <see cref="BuildxPruneFlags"/>).
/// </summary>
public sealed class BuildxPruneSettings : ToolSettings
{
    /// <summary>Gets or sets the builder (<c>--builder</c>); <c>null</c> uses the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>Gets or sets a value indicating whether internal and frontend images are included (<c>--all</c>).</summary>
    public bool All { get; set; }

    /// <summary>Gets the filters, one <c>--filter</c> each in the given order, e.g. <c>until=72h</c>.</summary>
    public IList<string> Filters { get; } = [];

    /// <summary>Gets or sets the disk space to keep (<c>--keep-storage</c>).</summary>
    public string? KeepStorage { get; set; }

    /// <summary>Gets or sets the most disk space the cache may use (<c>--max-used-space</c>).</summary>
    public string? MaxUsedSpace { get; set; }

    /// <summary>Gets or sets the disk space always kept for the cache (<c>--reserved-space</c>).</summary>
    public string? ReservedSpace { get; set; }

    /// <summary>Gets or sets the disk space to leave free (<c>--min-free-space</c>).</summary>
    public string? MinFreeSpace { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether buildx skips its confirmation prompt (<c>--force</c>).
    /// Without it buildx asks on the terminal; a build script almost always wants it.
    /// </summary>
    public bool Force { get; set; }

    /// <summary>Gets or sets a value indicating whether buildx lists what it removed (<c>--verbose</c>).</summary>
    public bool Verbose { get; set; }
}
