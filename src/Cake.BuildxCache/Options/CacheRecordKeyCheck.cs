namespace Cake.BuildxCache.Options;

/// <summary>Checks <c>--cache-record-key</c>: long enough that no one can find it from a record.</summary>
internal static class CacheRecordKeyCheck
{
    /// <summary>
    /// The shortest key accepted. A record's digest of a known value (GIT_COMMIT's value is the commit the record names)
    /// lets anyone who can pull try keys offline: a short or chosen key would be found, and with it every value.
    /// </summary>
    public const int MinimumLength = 32;

    /// <summary>The problem with the key, if any.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CacheRecordKey is { IsEmpty: false } key && key.Reveal().Length < MinimumLength)
        {
            yield return OptionProblem.For(
                OptionCatalog.CacheRecordKey,
                null,
                options.OriginOf(OptionCatalog.CacheRecordKey),
                $"is {key.Reveal().Length} characters: anyone who can pull could find a short key from the record and confirm guessed build-argument values; use {MinimumLength} or more random characters (openssl rand -hex 32) in a masked CI variable");
        }
    }
}
