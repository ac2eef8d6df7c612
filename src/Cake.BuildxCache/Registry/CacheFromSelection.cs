using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>The cache-from refs to pass, and what to log about them.</summary>
/// <param name="From">The <c>--cache-from</c> values to pass, in the original order.</param>
/// <param name="Log">Plain-words lines, one per decision.</param>
/// <param name="HasWarnings">True when some ref could not be checked (log those lines as warnings).</param>
internal sealed record CacheFromSelection(IReadOnlyList<CacheSpec> From, IReadOnlyList<string> Log, bool HasWarnings)
{
    /// <summary>
    /// Gets the records of the passed refs that have one (ref to record), read with the check when asked: what each
    /// cache was written with, for the cache-miss analysis.
    /// </summary>
    public IReadOnlyDictionary<string, CacheRecord> Records { get; init; } = new Dictionary<string, CacheRecord>(StringComparer.Ordinal);
}
