namespace Cake.BuildxCache.Options;

/// <summary>
/// Marks the options that code changed, so that Plan and error messages say "set in code" instead of the
/// origin of the value code replaced (or "default").
/// </summary>
internal static class CodeOrigins
{
    /// <summary>
    /// <paramref name="changed"/>, with every option whose value differs from <paramref name="read"/>'s marked as
    /// <see cref="OptionOrigin.Code"/>; the others keep the origins <paramref name="changed"/> carries.
    /// </summary>
    /// <param name="read">The options as read from the sources.</param>
    /// <param name="changed">The options after code changed them.</param>
    /// <returns>The changed options with their origins.</returns>
    public static BuildxCacheOptions Mark(BuildxCacheOptions read, BuildxCacheOptions changed)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(changed);
        var origins = new Dictionary<string, OptionOrigin>(changed.Origins, StringComparer.Ordinal);
        foreach (var option in OptionCatalog.All.Where(option => option.Format(read) != option.Format(changed)))
        {
            origins[option.Name] = OptionOrigin.Code;
        }

        return changed with { Origins = origins };
    }
}
