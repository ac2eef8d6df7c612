using LibGit2Sharp;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Reads the refs of a developer's checkout with LibGit2Sharp: the current branch, or for a detached
/// HEAD the tag it stands on, else its short sha.
/// </summary>
internal static class LocalRefReader
{
    /// <summary>Used when origin/HEAD does not name the default branch (a clone made with <c>git init</c>, say).</summary>
    public const string FallbackDefaultBranch = "main";

    private const string OriginHead = "refs/remotes/origin/HEAD";
    private const string OriginPrefix = "refs/remotes/origin/";

    /// <summary>Reads the refs of the repository that contains <paramref name="directory"/>.</summary>
    /// <param name="directory">A directory inside the working tree (a parent is searched like git does).</param>
    /// <returns>The refs (with an empty sha when the repository has no commits yet) and the fallbacks
    /// taken, or null when <paramref name="directory"/> is not inside a git repository.</returns>
    /// <exception cref="LibGit2SharpException">The repository exists but cannot be read.</exception>
    public static GitRefResolution? Read(string directory)
    {
        var gitDirectory = Discover(directory);
        if (gitDirectory is null)
        {
            return null;
        }

        using var repository = new Repository(gitDirectory);
        var notes = new List<string>();
        var sha = repository.Head.Tip?.Sha ?? string.Empty;
        if (sha.Length == 0)
        {
            notes.Add("The repository has no commits yet.");
        }

        var (kind, refName) = CurrentRef(repository, sha, notes);
        var defaultBranch = DefaultBranch(repository);
        if (defaultBranch is null)
        {
            notes.Add($"origin/HEAD is not set: assuming the default branch is '{FallbackDefaultBranch}' (pass --default-branch, or run `git remote set-head origin --auto`).");
        }

        return new GitRefResolution(
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
                SourceUrl(repository, notes)),
            notes);
    }

    /// <summary>The default branch named by origin/HEAD, for CI runs whose variables do not name it.</summary>
    /// <param name="directory">A directory inside the working tree.</param>
    /// <returns>The branch, or null when there is no repository or no origin/HEAD.</returns>
    public static string? ReadDefaultBranch(string directory)
    {
        try
        {
            var gitDirectory = Discover(directory);
            if (gitDirectory is null)
            {
                return null;
            }

            using var repository = new Repository(gitDirectory);
            return DefaultBranch(repository);
        }
        catch (LibGit2SharpException)
        {
            // Only a fallback: an unreadable repository means "not known", the caller assumes main.
            return null;
        }
    }

    private static string? Discover(string directory) =>
        Directory.Exists(directory) ? Repository.Discover(directory) : null;

    // A detached HEAD that stands exactly on a tag is that tag (what `git checkout v1.2.0` and CI tag
    // jobs produce). With several tags the ordinally first wins, so the choice is stable; a branch
    // checked out on a tagged commit stays a branch.
    private static (RefKind Kind, string Name) CurrentRef(Repository repository, string sha, List<string> notes)
    {
        if (!repository.Info.IsHeadDetached)
        {
            return (RefKind.Branch, repository.Head.FriendlyName);
        }

        var tags = repository.Tags
            .Where(tag => tag.PeeledTarget is Commit commit && commit.Sha == sha)
            .Select(tag => tag.FriendlyName)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (tags.Count > 1)
        {
            notes.Add($"HEAD carries several tags ({string.Join(", ", tags)}): building as '{tags[0]}'.");
        }

        return tags.Count > 0 ? (RefKind.Tag, tags[0]) : (RefKind.Detached, CommitSha.Short(sha));
    }

    private static string? DefaultBranch(Repository repository)
    {
        var target = (repository.Refs[OriginHead] as SymbolicReference)?.TargetIdentifier;
        return target is not null && target.StartsWith(OriginPrefix, StringComparison.Ordinal) && target.Length > OriginPrefix.Length
            ? target[OriginPrefix.Length..]
            : null;
    }

    private static string? SourceUrl(Repository repository, List<string> notes)
    {
        var origin = repository.Network.Remotes["origin"];
        if (origin is null)
        {
            return null;
        }

        var address = RemoteUrl.ToWebAddress(origin.Url);
        if (address is null)
        {
            // The remote itself is not repeated: it may carry credentials.
            notes.Add("The origin remote is not a web-reachable address: no source url.");
        }

        return address;
    }
}
