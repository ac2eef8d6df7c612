using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Reads which branch a merge commit merged: the branch its second parent is the head of. The subject says it in CI,
/// where the clone holds only the built ref (<c>Merge branch 'feature/x' into 'main'</c>, GitLab's and git's
/// wording; <c>Merge pull request #12 from owner/feature/x</c>, GitHub's), else a local or remote-tracking branch
/// pointing at the second parent. Never throws: a commit that is not a merge, or a merge that names no branch, gives none.
/// </summary>
/// <param name="git">Runs git.</param>
internal sealed partial class MergedBranchReader(GitCli git)
{
    private readonly GitCli _git = git ?? throw new ArgumentNullException(nameof(git));

    /// <summary>The refs with <see cref="GitRefInfo.MergedBranch"/> set when the build's commit is a merge of a branch.</summary>
    /// <param name="refs">The resolved refs (their sha is the one read); only a branch build is read.</param>
    /// <param name="directory">The repository directory.</param>
    /// <returns>The refs, with the merged branch when known.</returns>
    public GitRefInfo Read(GitRefInfo refs, string directory)
    {
        ArgumentNullException.ThrowIfNull(refs);
        if (refs.Kind != RefKind.Branch || !CommitSha.IsValid(refs.Sha) || _git.Executable is null)
        {
            return refs;
        }

        var shown = Run(directory, ["show", "-s", "--format=%P%n%s", refs.Sha + "^{commit}"]);
        var parents = shown.Count > 0 ? shown[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (parents.Length < 2)
        {
            return refs;
        }

        var branch = FromSubject(shown.Count > 1 ? shown[1] : string.Empty)
            ?? Run(directory, ["for-each-ref", "--format=%(refname:lstrip=2)", "--points-at", parents[1], "refs/heads", "refs/remotes"])
                .Select(name => name.StartsWith("origin/", StringComparison.Ordinal) ? name["origin/".Length..] : name)
                .FirstOrDefault(name => name != "HEAD" && name != "origin" && name != refs.RefName);
        return branch is null || branch == refs.RefName ? refs : refs with { MergedBranch = branch };
    }

    /// <summary>The branch a merge commit's subject names, or null.</summary>
    /// <param name="subject">The subject line.</param>
    /// <returns>The merged branch, or null when the subject is no merge subject git, GitLab or GitHub writes.</returns>
    public static string? FromSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (PullRequestSubject().Match(subject) is { Success: true } pull)
        {
            return pull.Groups["branch"].Value;
        }

        if (BranchSubject().Match(subject) is { Success: true } merge)
        {
            var name = merge.Groups["branch"].Value;
            return merge.Groups["remote"].Success && name.StartsWith("origin/", StringComparison.Ordinal) ? name["origin/".Length..] : name;
        }

        return null;
    }

    private List<string> Run(string directory, IReadOnlyList<string> arguments)
    {
        try
        {
            using var process = _git.Start(directory, arguments);
            var result = process.Wait();
            return result.Succeeded ? [.. result.Lines] : [];
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            // The merged branch only adds a cache ref to read: without it the chain is the usual one.
            return [];
        }
    }

    [GeneratedRegex(@"^Merge pull request #\d+ from [^/\s]+/(?<branch>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex PullRequestSubject();

    [GeneratedRegex(@"^Merge (?<remote>remote-tracking )?branch '(?<branch>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex BranchSubject();
}
