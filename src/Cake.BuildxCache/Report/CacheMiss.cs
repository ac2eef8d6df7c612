namespace Cake.BuildxCache.Report;

/// <summary>The first step of a warm build that ran, and the likely cause.</summary>
/// <param name="Step">The step's name as BuildKit printed it (<c>[stage-1 2/3] RUN …</c>).</param>
/// <param name="Line">The Dockerfile line of its instruction, or null when it could not be told.</param>
/// <param name="Cause">The likely cause.</param>
/// <param name="Why">The cause and its evidence, in plain words.</param>
/// <param name="CacheRef">The cache ref whose record was compared, or null when none had one.</param>
public sealed record CacheMiss(string Step, int? Line, MissCause Cause, string Why, string? CacheRef)
{
    /// <summary>The log and report line: <c>[stage-1 2/3] RUN … (Dockerfile line 6): why</c>.</summary>
    /// <returns>The line.</returns>
    public string Describe() =>
        $"{Step}{(Line is { } line ? $" (Dockerfile line {line})" : string.Empty)}: {Why}";
}
