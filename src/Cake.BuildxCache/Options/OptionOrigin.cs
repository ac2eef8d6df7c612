namespace Cake.BuildxCache.Options;

/// <summary>Where one option's value came from, for the Plan printout ("image = … (from --image)").</summary>
/// <param name="Source">The kind of source.</param>
/// <param name="Key">The exact name looked up: <c>--image</c>, <c>BUILDX_IMAGE</c>, <c>Buildx_Image</c>, <c>CI_REGISTRY_IMAGE</c>, or <c>default</c>.</param>
public sealed record OptionOrigin(OptionSource Source, string Key)
{
    /// <summary>The origin of a built-in default.</summary>
    public static OptionOrigin Default { get; } = new(OptionSource.Default, "default");

    /// <summary>The origin of a value set in code (a context's <c>ConfigureOptions</c>, an alias's settings).</summary>
    public static OptionOrigin Code { get; } = new(OptionSource.Code, "code");

    /// <summary>Reads as <c>from --image</c>, <c>from BUILDX_IMAGE</c>, <c>from configuration Buildx_Image</c>, or <c>default</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Source switch
    {
        OptionSource.Configuration => $"from configuration {Key}",
        OptionSource.Default => "default",
        OptionSource.Code => "set in code",
        _ => $"from {Key}",
    };
}
