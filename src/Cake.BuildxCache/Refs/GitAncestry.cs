using System.Globalization;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Asks git, in the working directory, how the commit a branch ref holds relates to the build's commit: both
/// directions of <c>git merge-base --is-ancestor</c>, whether the history is complete, and, when git cannot walk to the
/// held commit (a shallow clone), whether it is one of our commit's parents as the commit object itself names them.
/// A held commit the clone lacks is placed on another line only when the clone proves it holds the branch's whole
/// history (see <c>CompleteHistory</c>). It learns facts; the promotion policy decides.
/// </summary>
internal static class GitAncestry
{
    /// <summary>The remote whose branch a clone's history is compared with.</summary>
    public const string Remote = "origin";

    /// <summary>The facts, from <paramref name="git"/> in <paramref name="directory"/>.</summary>
    /// <param name="git">The git runner.</param>
    /// <param name="directory">The checkout.</param>
    /// <param name="held">The commit the branch ref holds.</param>
    /// <param name="ours">The build's commit.</param>
    /// <param name="branch">The branch the build is for (its name on <see cref="Remote"/>), or null when unknown.</param>
    /// <returns>What git said.</returns>
    public static AncestryFacts Of(GitCli git, string directory, string held, string ours, string? branch = null)
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
            // Replace refs would let a local ref rewrite the history git walks: the answers are about the commits as they are.
            using var process = git.Start(directory, ["--no-replace-objects", .. arguments]);
            return process.Wait();
        }

        try
        {
            var cut = HistoryCut(Run, directory);
            var heldFirst = Run("merge-base", "--is-ancestor", held, ours);
            var oursFirst = Run("merge-base", "--is-ancestor", ours, held);
            var heldBeforeOurs = AncestryFacts.FromExitCode(heldFirst.ExitCode, shallow: cut is not null);
            if (heldBeforeOurs == Ancestry.Unknown)
            {
                // A shallow clone cuts the history below its boundary, but a commit object still names its parents.
                var commit = Run("cat-file", "commit", ours);
                if (commit.Succeeded && AncestryFacts.ParentsIn(commit.Output).Contains(held))
                {
                    return new(Ancestry.Ancestor, Ancestry.NotAncestor, null);
                }
            }

            var oursBeforeHeld = AncestryFacts.FromExitCode(oursFirst.ExitCode, shallow: cut is not null);
            if (heldBeforeOurs != Ancestry.Unknown && oursBeforeHeld != Ancestry.Unknown)
            {
                return new(heldBeforeOurs, oursBeforeHeld, null);
            }

            if (cut is not null)
            {
                return new(heldBeforeOurs, oursBeforeHeld, cut);
            }

            if (!Has(Run, held) && Has(Run, ours))
            {
                return Absent(Run, held, ours, branch);
            }

            return new(
                heldBeforeOurs,
                oursBeforeHeld,
                $"git merge-base exited {heldFirst.ExitCode.ToString(CultureInfo.InvariantCulture)}: {(heldFirst.ErrorText.Length > 0 ? heldFirst.ErrorText : oursFirst.ErrorText)}");
        }
        catch (TimeoutException exception)
        {
            return new(Ancestry.Unknown, Ancestry.Unknown, exception.Message);
        }
    }

    /// <summary>What the run's promotion asks git: <see cref="Of(GitCli, string, string, string, string?)"/> and <see cref="Resolve(GitCli, string, string)"/> in <paramref name="directory"/>.</summary>
    /// <param name="processRunner">Cake's process runner.</param>
    /// <param name="tools">Cake's tool locator, which finds git.</param>
    /// <param name="directory">The checkout (the working directory).</param>
    /// <param name="branch">The branch the build is for, or null.</param>
    /// <returns>The questions.</returns>
    public static CommitHistory History(IProcessRunner processRunner, IToolLocator tools, string directory, string? branch)
    {
        var git = new GitCli(processRunner, tools);
        ArgumentNullException.ThrowIfNull(directory);
        return new((held, ours) => Of(git, directory, held, ours, branch), abbreviated => Resolve(git, directory, abbreviated));
    }

    /// <summary>The full sha of the one commit <paramref name="abbreviated"/> names in the clone, or null (absent, ambiguous, git failed).</summary>
    /// <param name="git">The git runner.</param>
    /// <param name="directory">The checkout.</param>
    /// <param name="abbreviated">An abbreviated sha (hex digits).</param>
    /// <returns>The full sha, or null.</returns>
    public static string? Resolve(GitCli git, string directory, string abbreviated)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(abbreviated);
        if (git.Executable is null || abbreviated.Length == 0 || !abbreviated.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        try
        {
            using var process = git.Start(directory, ["--no-replace-objects", "rev-parse", "--verify", "--quiet", abbreviated + "^{commit}"]);
            var result = process.Wait();
            var sha = result.Succeeded ? result.Lines.FirstOrDefault() : null;
            return sha is not null && CommitSha.IsFull(sha) ? sha : null;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the clone proves it holds the whole current history of <paramref name="branch"/>, so that a commit it
    /// lacks is on no line of the branch: the clone is neither shallow nor grafted (<c>HistoryCut</c>) nor partial,
    /// <see cref="Remote"/>'s branch (<c>git ls-remote</c>, asked now) points at a commit the clone has, and our commit
    /// is in that commit's history (a build of a commit the branch no longer holds promotes nothing).
    /// </summary>
    /// <param name="run">Runs git.</param>
    /// <param name="ours">The build's commit.</param>
    /// <param name="branch">The branch, or null.</param>
    /// <returns>Null when proven, else why not.</returns>
    private static string? CompleteHistory(Func<string[], GitResult> run, string ours, string? branch)
    {
        if (branch is null)
        {
            return "the build's branch is not known, so the clone cannot be compared with it";
        }

        // A partial clone's filter, not the history, decides which objects are here (and git fetches a missing one on demand).
        if (run(["config", "--get", "extensions.partialClone"]).Succeeded)
        {
            return "the clone is partial (extensions.partialClone), so what it lacks proves nothing";
        }

        var remote = run(["ls-remote", "--exit-code", Remote, "refs/heads/" + branch]);
        var tip = remote.Succeeded ? remote.Lines.Select(line => line.Split('\t')[0]).FirstOrDefault() : null;
        if (tip is null)
        {
            return $"git ls-remote {Remote} refs/heads/{branch} exited {remote.ExitCode.ToString(CultureInfo.InvariantCulture)}{(remote.ErrorText.Length > 0 ? ": " + remote.ErrorText : string.Empty)}, so the clone cannot be compared with the branch";
        }

        if (!Has(run, tip))
        {
            return $"{Remote}'s {branch} is at {tip[..8]}, which this clone lacks (pushed after the clone was made), so a commit the clone lacks may be newer";
        }

        return run(["merge-base", "--is-ancestor", ours, tip]).Succeeded
            ? null
            : $"{ours[..8]} is not in the history of {Remote}'s {branch} ({tip[..8]}): the branch no longer holds this commit";
    }

    private static AncestryFacts Absent(Func<string[], GitResult> run, string held, string ours, string? branch)
    {
        var short8 = held.Length > 8 ? held[..8] : held;
        return CompleteHistory(run, ours, branch) is { } why
            ? new(Ancestry.Unknown, Ancestry.Unknown, $"{short8} is not in this clone, and {why}")
            : new(Ancestry.NotAncestor, Ancestry.NotAncestor, $"{short8} is not in this clone, whose history is complete up to {Remote}'s {branch}: it is on no line of the branch");
    }

    /// <summary>
    /// Why git's "no" may be the clone's boundary speaking, or null when the history is whole: a shallow clone
    /// (<c>git rev-parse --is-shallow-repository</c>) or a grafts file (it rewrites parents, and
    /// <c>--no-replace-objects</c> does not undo it).
    /// </summary>
    private static string? HistoryCut(Func<string[], GitResult> run, string directory)
    {
        var shallow = run(["rev-parse", "--is-shallow-repository"]);
        if (!(shallow.Succeeded && shallow.Lines.FirstOrDefault() == "false"))
        {
            return "the clone is shallow, so a 'no' from git may be its boundary speaking";
        }

        var grafts = run(["rev-parse", "--git-path", "info/grafts"]).Lines.FirstOrDefault();
        if (grafts is null || File.Exists(System.IO.Path.Combine(directory, grafts)))
        {
            return "the clone has a grafts file (info/grafts), which rewrites its history";
        }

        return null;
    }

    private static bool Has(Func<string[], GitResult> run, string commit) => run(["cat-file", "-e", commit + "^{commit}"]).Succeeded;
}
