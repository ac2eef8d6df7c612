using System.Text;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tasks;

/// <summary>Every option problem in one message, one per line, so a user fixes them all in one go.</summary>
public static class ProblemReport
{
    /// <summary>Describes the problems.</summary>
    /// <param name="problems">The problems (at least one).</param>
    /// <returns>The message.</returns>
    public static string Describe(IReadOnlyList<OptionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder()
            .Append(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")
            .Append(" with the buildx options; nothing was run:");
        foreach (var problem in problems)
        {
            text.Append(System.Environment.NewLine).Append("  - ").Append(problem.Message);
        }

        return text.ToString();
    }
}
