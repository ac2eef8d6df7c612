using System.Globalization;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Asks git, in the working directory, how the commit a branch ref holds relates to the build's commit: both
/// directions of <c>git merge-base --is-ancestor</c>, whether the clone is shallow, and, when git cannot walk to the
/// held commit (a shallow clone), whether it is one of our commit's parents as the commit object itself names them.
/// It learns facts; <see cref="PromotionPolicy"/> decides.
/// </summary>
internal static class GitAncestry
{
    /// <summary>The facts.</summary>
    /// <param name="context">The run.</param>
    /// <param name="held">The commit the branch ref holds.</param>
    /// <param name="ours">The build's commit.</param>
    /// <returns>What git said.</returns>
    public static AncestryFacts Of(BuildxCacheRun context, string held, string ours)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(new GitCli(context.ProcessRunner, context.Tools), context.Environment.WorkingDirectory.FullPath, held, ours);
    }

    /// <summary>The facts, from <paramref name="git"/> in <paramref name="directory"/>.</summary>
    /// <param name="git">The git runner.</param>
    /// <param name="directory">The checkout.</param>
    /// <param name="held">The commit the branch ref holds.</param>
    /// <param name="ours">The build's commit.</param>
    /// <returns>What git said.</returns>
    public static AncestryFacts Of(GitCli git, string directory, string held, string ours)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(ours);
        if (git.Executable is null)
        {
            return new(Ancestry.Unknown, Ancestry.Unknown, "git is not on PATH");
        }

        GitResult Run(params string[] arguments)
        {
            using var process = git.Start(directory, arguments);
            return process.Wait();
        }

        try
        {
            var shallowAnswer = Run("rev-parse", "--is-shallow-repository");
            var shallow = !(shallowAnswer.Succeeded && shallowAnswer.Lines.FirstOrDefault() == "false");
            var heldFirst = Run("merge-base", "--is-ancestor", held, ours);
            var oursFirst = Run("merge-base", "--is-ancestor", ours, held);
            var heldBeforeOurs = AncestryFacts.FromExitCode(heldFirst.ExitCode, shallow);
            if (heldBeforeOurs == Ancestry.Unknown)
            {
                // A shallow clone cuts the history below its boundary, but a commit object still names its parents.
                var commit = Run("cat-file", "commit", ours);
                if (commit.Succeeded && AncestryFacts.ParentsIn(commit.Output).Contains(held))
                {
                    return new(Ancestry.Ancestor, Ancestry.NotAncestor, null);
                }
            }

            var oursBeforeHeld = AncestryFacts.FromExitCode(oursFirst.ExitCode, shallow);
            string? detail = null;
            if (heldBeforeOurs == Ancestry.Unknown || oursBeforeHeld == Ancestry.Unknown)
            {
                detail = heldFirst.ExitCode > 1 || oursFirst.ExitCode > 1
                    ? $"git merge-base exited {heldFirst.ExitCode.ToString(CultureInfo.InvariantCulture)}: {(heldFirst.ErrorText.Length > 0 ? heldFirst.ErrorText : oursFirst.ErrorText)} (is {held[..8]} in this clone?)"
                    : "the clone is shallow, so a 'no' from git may be its boundary speaking";
            }

            return new(heldBeforeOurs, oursBeforeHeld, detail);
        }
        catch (TimeoutException exception)
        {
            return new(Ancestry.Unknown, Ancestry.Unknown, exception.Message);
        }
    }
}
