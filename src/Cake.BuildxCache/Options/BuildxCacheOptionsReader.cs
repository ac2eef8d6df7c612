namespace Cake.BuildxCache.Options;

/// <summary>
/// Reads <see cref="BuildxCacheOptions"/> from <see cref="OptionSources"/>: a pure function. Each option
/// takes the first source that sets it: the argument (<c>--image=…</c>; the last one when repeated), the
/// environment (<c>BUILDX_IMAGE</c>), the Cake configuration (<c>Buildx_Image</c>), then the CI default
/// (<c>CI_REGISTRY_IMAGE</c>). Empty environment and configuration values count as unset; an empty
/// argument (<c>--target=</c>) clears the option to its default, and a bare flag (<c>--push</c>) means true.
/// A list option takes all its values from that one source: repeated arguments, each value split at
/// commas for <c>platform</c> and <c>tag</c>; <c>key=value</c> lists from the environment or configuration
/// are separated by newlines or <c>;</c>, and cake.config gives them one key per item, the item's key after a
/// dot (<c>BuildArg.NODE_VERSION=22</c>, found through <see cref="OptionSources.ConfigurationKeys"/>), which
/// with <c>Buildx_BuildArg</c> itself make up the configuration source. Reading never throws: values that cannot be read become
/// <see cref="BuildxCacheOptions.ReadProblems"/>.
/// </summary>
public static class BuildxCacheOptionsReader
{
    /// <summary>Reads every option.</summary>
    /// <param name="sources">The lookups.</param>
    /// <returns>The options, with their origins and any read problems.</returns>
    public static BuildxCacheOptions Read(OptionSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var reading = new OptionReading(sources);
        var options = new BuildxCacheOptions();
        foreach (var option in OptionCatalog.All)
        {
            options = option.ReadInto(reading, options);
        }

        var (images, imageProblems) = ImageSections.Read(sources, options.Image);
        return options with { Origins = reading.Origins, ReadProblems = [.. reading.Problems, .. imageProblems], ReadWarnings = reading.Warnings, Images = images };
    }

    /// <summary>Parses a boolean the way people write one: true/false, yes/no, on/off, 1/0 (any case).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value when the text is one.</param>
    /// <returns>True when <paramref name="text"/> is a boolean.</returns>
    public static bool TryParseBool(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1":
                value = true;
                return true;
            case "false" or "no" or "off" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
