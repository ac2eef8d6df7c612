namespace Cake.BuildxCache.Policy;

/// <summary>
/// The image's time, decided by <see cref="ImageTimePolicy"/>: what the <c>org.opencontainers.image.created</c> label
/// says and, when the image is reproducible, the epoch BuildKit's image output stamps on the configuration, its history
/// and every layer's files (<c>rewrite-timestamp=true,source-date-epoch=…</c>).
/// </summary>
/// <param name="Created">The time on the <c>created</c> label.</param>
/// <param name="Epoch">The Unix seconds given to the image output, or null when the image carries the build time.</param>
/// <param name="Description">What Plan prints after <c>image time:</c>.</param>
public sealed record ImageTime(DateTimeOffset Created, long? Epoch, string Description)
{
    /// <summary>True when the output's timestamps are the commit's: the same commit gives the same image.</summary>
    public bool IsReproducible => Epoch is not null;

    /// <summary>
    /// The image output's attributes that apply <see cref="Epoch"/>, for an output of <paramref name="type"/>
    /// (<c>image</c> for a push, <c>docker</c> for a load), or null when there is no epoch.
    /// </summary>
    /// <param name="type">The exporter type.</param>
    /// <returns>The <c>--output</c> value, or null.</returns>
    public string? Output(string type) =>
        Epoch is { } epoch ? $"type={type},rewrite-timestamp=true,source-date-epoch={epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null;
}
