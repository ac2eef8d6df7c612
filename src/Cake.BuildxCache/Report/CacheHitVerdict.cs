namespace Cake.BuildxCache.Report;

/// <summary>The answer of <see cref="CacheHitRequirement.Check(BuildSummary, int, bool)"/>.</summary>
/// <param name="Passed">False only when a warm build hit below the requirement.</param>
/// <param name="Checked">False when there was nothing to check (cold build, no build steps): then <see cref="Passed"/> is true.</param>
/// <param name="Message">One line saying why, for the log or the failure.</param>
internal sealed record CacheHitVerdict(bool Passed, bool Checked, string Message);
