namespace Cake.BuildxCache.Options;

/// <summary>
/// <c>--stage</c> and <c>--no-cache-filter</c> against the stages the Dockerfile names: a stage it does not have fails
/// only inside buildx (after the builder is up and the registries logged in to) for <c>--stage</c>, and is ignored
/// silently for <c>--no-cache-filter</c>. Pure: reading the Dockerfile is the caller's.
/// </summary>
internal static class StageChecks
{
    /// <summary>The problems of the stage options, given the Dockerfile's stage names.</summary>
    /// <param name="options">The options.</param>
    /// <param name="stageNames">The Dockerfile's named stages, in order; null when the Dockerfile could not be read as one.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options, IReadOnlyList<string>? stageNames)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (stageNames is null)
        {
            yield break;
        }

        // BuildKit lowercases stage names and the target it is asked for.
        bool Known(string stage) => stageNames.Contains(stage, StringComparer.OrdinalIgnoreCase);
        var known = stageNames.Count == 0 ? "it names no stage (FROM … AS <name>)" : "its stages are " + string.Join(", ", stageNames);
        if (options.Stage is { } target && OptionFormats.IsStageName(target) && !Known(target))
        {
            yield return OptionProblem.For(OptionCatalog.Stage, target, options.OriginOf(OptionCatalog.Stage), $"is no stage of {options.Dockerfile}: {known}");
        }

        foreach (var stage in options.NoCacheFilters.Where(stage => OptionFormats.IsStageName(stage) && !Known(stage)))
        {
            yield return OptionProblem.For(OptionCatalog.NoCacheFilter, stage, options.OriginOf(OptionCatalog.NoCacheFilter), $"is no stage of {options.Dockerfile}: {known}");
        }
    }
}
