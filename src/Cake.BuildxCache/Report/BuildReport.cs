namespace Cake.BuildxCache.Report;

/// <summary>
/// What one <c>docker buildx build</c> did, read from its progress output by <see cref="BuildProgress"/>:
/// every step with its status and time, plus the cache import/export facts derived from those steps.
/// </summary>
/// <param name="Format">The form the progress output had.</param>
/// <param name="Steps">The steps, by number.</param>
/// <param name="Error">The build's final error (<c>ERROR: failed to solve: …</c>), or null when none was printed.</param>
/// <param name="Elapsed">The build's wall-clock time when known: rawjson carries timestamps, plain output does not
/// (a caller that timed the build may set it with <c>report with { Elapsed = … }</c>).</param>
internal sealed record BuildReport(ProgressFormat Format, IReadOnlyList<BuildStep> Steps, string? Error, TimeSpan? Elapsed)
{
    /// <summary>Gets the cache refs BuildKit tried to read, in order, with whether each was read.</summary>
    public IReadOnlyList<CacheImport> CacheImports =>
        Steps.Where(step => step.Kind == StepKind.CacheImport)
            .Select(step => new CacheImport(step.CacheRef ?? string.Empty, step.Status == StepStatus.Done, step.Error))
            .ToList();

    /// <summary>Gets the cache refs that were read: what made this build warm.</summary>
    public IReadOnlyList<string> ImportedCacheRefs =>
        CacheImports.Where(import => import.Imported).Select(import => import.Ref).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Gets a value indicating whether any cache ref was read (the build was expected to be warm).</summary>
    public bool CacheImported => ImportedCacheRefs.Count > 0;

    /// <summary>Gets the cache export steps (one per <c>--cache-to</c>).</summary>
    public IReadOnlyList<BuildStep> CacheExports => Steps.Where(step => step.Kind == StepKind.CacheExport).ToList();

    /// <summary>Gets a value indicating whether a cache was written: a cache export step finished without error.</summary>
    public bool CacheExported => CacheExports.Any(step => step.Status == StepStatus.Done);

    /// <summary>Gets the errors of cache export steps (with <c>ignore-error=true</c> the build still succeeds).</summary>
    public IReadOnlyList<string> CacheExportErrors =>
        CacheExports.Where(step => step.Status == StepStatus.Error).Select(step => step.Error ?? "error").ToList();

    /// <summary>Gets the steps that failed (not the canceled ones).</summary>
    public IReadOnlyList<BuildStep> FailedSteps => Steps.Where(step => step.Status == StepStatus.Error).ToList();
}
