namespace Cake.BuildxCache.Options;

/// <summary>
/// What conflicts with <c>--reproducible</c>: a <c>SOURCE_DATE_EPOCH</c> that would reach the Dockerfile as a build
/// argument, whether given as <c>--build-arg</c> or in the environment (buildx forwards the variable as one). With the
/// commit's epoch there, <c>WORKDIR</c> (Dockerfile 1.16+) and every later step get a new cache key on each commit.
/// </summary>
internal static class ReproducibleChecks
{
    /// <summary>The build argument and variable name.</summary>
    public const string SourceDateEpoch = "SOURCE_DATE_EPOCH";

    /// <summary>The conflicts of the options and of <paramref name="sourceDateEpochVariable"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="sourceDateEpochVariable">The value of the environment's <c>SOURCE_DATE_EPOCH</c>, or null when unset.</param>
    /// <returns>The problems; empty without <c>--reproducible</c>.</returns>
    public static IReadOnlyList<OptionProblem> Check(BuildxCacheOptions options, string? sourceDateEpochVariable)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Reproducible)
        {
            return options.RewriteTimestamps
                ? [new(
                    OptionCatalog.RewriteTimestamps.Name,
                    "true",
                    options.OriginOf(OptionCatalog.RewriteTimestamps),
                    $"needs --reproducible ({options.OriginOf(OptionCatalog.Reproducible)} sets it false): the layers' file times are rewritten to the commit time; drop --rewrite-timestamps, or drop --reproducible=false",
                    OptionCatalog.RewriteTimestamps.HowToSet)]
                : [];
        }

        var origin = options.OriginOf(OptionCatalog.Reproducible);
        var problems = new List<OptionProblem>();
        if (options.BuildArgs.Any(pair => pair.Key == SourceDateEpoch))
        {
            problems.Add(new(
                OptionCatalog.Reproducible.Name,
                "true",
                origin,
                $"conflicts with --build-arg {SourceDateEpoch} ({options.OriginOf(OptionCatalog.BuildArg)}): as a build argument the epoch enters WORKDIR's and every later step's cache key, so each new commit misses the cache; drop that build argument (reproducible already stamps the commit time on the image output), or set --reproducible=false to pass your own epoch",
                OptionCatalog.Reproducible.HowToSet));
        }

        if (!string.IsNullOrEmpty(sourceDateEpochVariable))
        {
            problems.Add(new(
                OptionCatalog.Reproducible.Name,
                "true",
                origin,
                $"conflicts with the environment variable {SourceDateEpoch}={sourceDateEpochVariable}, which buildx forwards as a build argument (so each new commit would miss the cache from WORKDIR on); unset it for this job (reproducible already stamps the commit time on the image output), or set --reproducible=false to use it",
                OptionCatalog.Reproducible.HowToSet));
        }

        return problems;
    }
}
