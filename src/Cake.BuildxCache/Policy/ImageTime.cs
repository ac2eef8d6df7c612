namespace Cake.BuildxCache.Policy;

/// <summary>
/// The image's time, decided by <see cref="ImageTimePolicy"/>: what the <c>org.opencontainers.image.created</c> label
/// says and, when the image is reproducible, the epoch BuildKit's image output stamps on the configuration and its
/// history (<c>source-date-epoch=…</c>) and, with <see cref="RewritesLayers"/>, on the files of the layers the build
/// made (<c>rewrite-timestamp=true</c>).
/// </summary>
/// <param name="Created">The time on the <c>created</c> label.</param>
/// <param name="Epoch">The Unix seconds given to the image output, or null when the image carries the build time.</param>
/// <param name="Description">What Plan prints after <c>image time:</c>.</param>
/// <param name="RewritesLayers">True when the output rewrites the file times in the layers the build made (<c>--rewrite-timestamps</c>).</param>
public sealed record ImageTime(DateTimeOffset Created, long? Epoch, string Description, bool RewritesLayers = false)
{
    /// <summary>True when the output's timestamps are the commit's: the same commit gives the same image.</summary>
    public bool IsReproducible => Epoch is not null;

    /// <summary>
    /// The image output's attributes that apply <see cref="Epoch"/>, for an output of <paramref name="type"/>
    /// (<c>image</c> for a push, <c>docker</c> for a load), or null when there is no epoch.
    /// </summary>
    /// <param name="type">The exporter type.</param>
    /// <returns>The <c>--output</c> value, or null.</returns>
    public string? Output(string type) => EpochAttributes is { } attributes ? $"type={type},{attributes}" : null;

    /// <summary>The output attributes that apply <see cref="Epoch"/> (<c>source-date-epoch=…</c>), or null when there is no epoch.</summary>
    public string? EpochAttributes =>
        Epoch is { } epoch ? $"{(RewritesLayers ? "rewrite-timestamp=true," : string.Empty)}source-date-epoch={epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null;
}
