namespace Cake.BuildxCache.Options;

/// <summary>Thrown before any docker command runs when the options have problems; lists all of them.</summary>
public sealed class BuildxCacheOptionsException : Exception
{
    /// <summary>Creates the exception over <paramref name="problems"/>.</summary>
    /// <param name="problems">Every problem found (secrets are never part of them).</param>
    public BuildxCacheOptionsException(IReadOnlyList<OptionProblem> problems)
        : base(Compose(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<OptionProblem> Problems { get; }

    private static string Compose(IReadOnlyList<OptionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        return $"{count} with the buildx options; nothing was run:" + string.Concat(problems.Select(problem => Environment.NewLine + "  - " + problem.Message));
    }
}
