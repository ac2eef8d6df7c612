using System.Collections.Immutable;
using System.ComponentModel;
using Cake.Core;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Reads the refs of a developer's checkout with the git CLI: the current branch, or for a detached HEAD
/// the tag it stands on, else its short sha; the default branch origin/HEAD names; origin's web address.
/// The common case (a branch) is two git processes run side by side; a detached HEAD adds one.
/// </summary>
/// <param name="git">Runs git through Cake's process runner.</param>
internal sealed class LocalRefReader(GitCli git)
{
    /// <summary>Used when origin/HEAD does not name the default branch (a clone made with <c>git init</c>, say).</summary>
    public const string FallbackDefaultBranch = "main";

    private const string OriginPrefix = "refs/remotes/origin/";
    private const string BranchPrefix = "refs/heads/";
    private const string TagPrefix = "refs/tags/";
    private const string Tags = "refs/tags";

    // Under --symbolic-full-name, rev-parse prints the ref a symbolic ref points to, so this prints
    // origin/HEAD's target, and nothing (rather than failing, as naming origin/HEAD would) when it is
    // missing or its target is gone. Without a wildcard git would append "/*" to the pattern: [D] is one.
    private const string OriginHeadGlob = "--glob=refs/remotes/origin/HEA[D]";

    // One process for HEAD's commit, the ref HEAD is on ("HEAD" when detached) and origin/HEAD's target.
    // "--" ends the revisions, so a file named HEAD in the working tree cannot make "HEAD" ambiguous.
    private static readonly ImmutableArray<string> HeadCommand = ["rev-parse", "HEAD", "--symbolic-full-name", "HEAD", OriginHeadGlob, "--"];

    // get-url applies url.<base>.insteadOf, as the in-process reader did.
    private static readonly ImmutableArray<string> OriginUrlCommand = ["remote", "get-url", "origin"];

    private readonly GitCli _git = git ?? throw new ArgumentNullException(nameof(git));

    /// <summary>Reads the refs of the repository that contains <paramref name="directory"/>.</summary>
    /// <param name="directory">A directory inside the working tree (a parent is searched like git does).</param>
    /// <returns>The refs (with an empty sha when the repository has no commits yet) and the fallbacks taken;
    /// or <see cref="LocalRefRead.NotARepository"/>; or why git cannot read them here (git is not installed,
    /// the repository belongs to another user) with the fix.</returns>
    /// <exception cref="CakeException">The repository exists but git fails to read it; the message says
    /// what git said and which options supply the refs instead.</exception>
    public LocalRefRead Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return LocalRefRead.NotARepository;
        }

        if (_git.Executable is null)
        {
            return LocalRefRead.Unreadable("git is not installed (Cake finds no git on PATH)", "Install git or put it on PATH");
        }

        try
        {
            return ReadWithGit(directory);
        }
        catch (Exception exception) when (exception is TimeoutException or Win32Exception)
        {
            throw CannotRead(directory, exception.Message, exception);
        }
    }

    /// <summary>The default branch named by origin/HEAD, for CI runs whose variables do not name it.</summary>
    /// <param name="directory">A directory inside the working tree.</param>
    /// <returns>The branch, or null when there is no repository, no origin/HEAD, or no git to ask.</returns>
    public string? ReadDefaultBranch(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory) || _git.Executable is null)
        {
            return null;
        }

        try
        {
            using var process = _git.Start(directory, ["rev-parse", "--symbolic-full-name", OriginHeadGlob]);
            var result = process.Wait();
            return result.Succeeded ? DefaultBranch(result.Lines) : null;
        }
        catch (Exception exception) when (exception is TimeoutException or Win32Exception)
        {
            // Only a fallback: a repository git cannot read means "not known", the caller assumes main.
            return null;
        }
    }

    private LocalRefRead ReadWithGit(string directory)
    {
        // Both run at once: the remote's address does not depend on where HEAD is.
        using var headProcess = _git.Start(directory, HeadCommand);
        using var originProcess = _git.Start(directory, OriginUrlCommand, RemoteUrl.WithoutUserInfo);
        var head = headProcess.Wait();
        var origin = originProcess.Wait();

        if (head.NotARepository)
        {
            return LocalRefRead.NotARepository;
        }

        if (head.DubiousRepository is { } repository)
        {
            return LocalRefRead.Unreadable(
                $"git refuses to read the repository at '{repository}': another user owns it (\"dubious ownership\", usual in containers)",
                $"Mark it safe with `git config --global --add safe.directory {repository}`");
        }

        var notes = new List<string>();
        var (kind, refName, sha, defaultBranch) = head.Succeeded
            ? Parse(directory, head, notes)
            : Unborn(directory, head, notes);
        if (defaultBranch is null)
        {
            notes.Add($"origin/HEAD is not set: assuming the default branch is '{FallbackDefaultBranch}' (pass --default-branch, or run `git remote set-head origin --auto`).");
        }

        return LocalRefRead.Found(new GitRefResolution(
            new GitRefInfo(
                CiProvider.None,
                kind,
                refName,
                RefSlug.From(refName),
                sha,
                CommitSha.Short(sha),
                defaultBranch ?? FallbackDefaultBranch,
                TargetBranch: null,
                IsFork: false,
                SourceUrl(origin, notes)),
            notes));
    }

    // rev-parse printed HEAD's commit, the ref HEAD is on, origin/HEAD's target if any, then "--".
    private (RefKind Kind, string Name, string Sha, string? DefaultBranch) Parse(string directory, GitResult head, List<string> notes)
    {
        var lines = head.Lines.TakeWhile(line => line != "--").ToList();
        if (lines.Count < 2 || !CommitSha.IsValid(lines[0]))
        {
            throw CannotRead(directory, $"unexpected output from git {string.Join(' ', HeadCommand)}: {string.Join(" | ", lines)}", null);
        }

        var sha = lines[0].ToLowerInvariant();
        var defaultBranch = DefaultBranch(lines.Skip(2));
        if (lines[1] != "HEAD")
        {
            return (RefKind.Branch, WithoutPrefix(lines[1], BranchPrefix), sha, defaultBranch);
        }

        var (kind, name) = Detached(directory, sha, notes);
        return (kind, name, sha, defaultBranch);
    }

    // A detached HEAD that stands exactly on a tag is that tag (what `git checkout v1.2.0` and CI tag
    // jobs produce). With several tags the ordinally first wins, so the choice is stable; a branch
    // checked out on a tagged commit stays a branch. --points-at matches annotated tags by their commit.
    private (RefKind Kind, string Name) Detached(string directory, string sha, List<string> notes)
    {
        using var process = _git.Start(directory, ["for-each-ref", "--points-at=" + sha, "--format=%(refname)", Tags]);
        var result = process.Wait();
        if (!result.Succeeded)
        {
            throw CannotRead(directory, result.ErrorText, null);
        }

        var tags = result.Lines
            .Where(line => line.StartsWith(TagPrefix, StringComparison.Ordinal))
            .Select(line => line[TagPrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        if (tags.Count > 1)
        {
            notes.Add($"HEAD carries several tags ({string.Join(", ", tags)}): building as '{tags[0]}'.");
        }

        return tags.Count > 0 ? (RefKind.Tag, tags[0]) : (RefKind.Detached, CommitSha.Short(sha));
    }

    // rev-parse fails on a branch with no commits yet: HEAD names a branch that does not exist, which
    // `rev-parse -q --verify` reports by failing silently. Anything else is a repository git cannot read.
    private (RefKind Kind, string Name, string Sha, string? DefaultBranch) Unborn(string directory, GitResult head, List<string> notes)
    {
        using var branchProcess = _git.Start(directory, ["symbolic-ref", "-q", "HEAD"]);
        using var verifyProcess = _git.Start(directory, ["rev-parse", "-q", "--verify", "HEAD"]);
        using var originHeadProcess = _git.Start(directory, ["rev-parse", "--symbolic-full-name", OriginHeadGlob]);
        var branch = branchProcess.Wait();
        var verify = verifyProcess.Wait();
        var originHead = originHeadProcess.Wait();
        if (!branch.Succeeded || branch.Lines.FirstOrDefault() is not { } name || verify.Succeeded || verify.ErrorText.Length > 0)
        {
            throw CannotRead(directory, head.ErrorText, null);
        }

        notes.Add("The repository has no commits yet.");
        return (RefKind.Branch, WithoutPrefix(name, BranchPrefix), string.Empty, originHead.Succeeded ? DefaultBranch(originHead.Lines) : null);
    }

    // origin/HEAD's target as rev-parse printed it; an origin/HEAD that is not symbolic prints itself.
    private static string? DefaultBranch(IEnumerable<string> lines) =>
        lines
            .Where(line => line.StartsWith(OriginPrefix, StringComparison.Ordinal) && line.Length > OriginPrefix.Length)
            .Select(line => line[OriginPrefix.Length..])
            .FirstOrDefault(branch => branch != "HEAD");

    private static string? SourceUrl(GitResult origin, List<string> notes)
    {
        // get-url fails when there is no origin remote: then there is no address, and nothing to say.
        if (!origin.Succeeded || origin.Lines.FirstOrDefault() is not { } url)
        {
            return null;
        }

        var address = RemoteUrl.ToWebAddress(url);
        if (address is null)
        {
            // The remote itself is not repeated: it may carry credentials.
            notes.Add("The origin remote is not a web-reachable address: no source url.");
        }

        return address;
    }

    private static string WithoutPrefix(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;

    private static CakeException CannotRead(string directory, string detail, Exception? inner) =>
        new($"The git repository at '{directory}' cannot be read: {detail}. Pass the refs explicitly: --sha=<commit> [--branch=<name>] [--default-branch=<name>].", inner);
}
