using System.Globalization;
using Cake.Core;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Reads when the build's commit was made: GitLab's <c>CI_COMMIT_TIMESTAMP</c> when it describes that commit, else
/// <c>git show -s --format=%ct &lt;sha&gt;</c> in the repository. Never throws: an unknown time is a note, and the
/// image then takes the build time.
/// </summary>
/// <param name="git">Runs git.</param>
internal sealed class CommitTimeReader(GitCli git)
{
    private readonly GitCli _git = git ?? throw new ArgumentNullException(nameof(git));

    /// <summary>The commit time of <paramref name="refs"/>' sha, with where it came from, or a note saying why it is unknown.</summary>
    /// <param name="refs">The resolved refs (their sha is the one read).</param>
    /// <param name="environment">The CI variables.</param>
    /// <param name="directory">The repository directory.</param>
    /// <param name="shaOverridden">True when <c>--sha</c> named the commit: CI's timestamp then describes another one.</param>
    /// <returns>The refs with the time when known, else with <see cref="GitRefInfo.CommitTimeNote"/> saying why.</returns>
    public GitRefInfo Read(GitRefInfo refs, ICakeEnvironment environment, string directory, bool shaOverridden)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(environment);
        if (refs.Provider == CiProvider.GitLabCI && !shaOverridden && environment.Variable("CI_COMMIT_TIMESTAMP") is { } given)
        {
            if (ParseIso(given) is { } time)
            {
                return refs with { CommitTime = time, CommitTimeSource = "CI_COMMIT_TIMESTAMP" };
            }

            var fromGit = FromGit(refs.Sha, directory, out var gitWhy);
            return fromGit is { } gitTime
                ? refs with { CommitTime = gitTime, CommitTimeSource = "git", CommitTimeNote = $"CI_COMMIT_TIMESTAMP '{Cut(given)}' is not an ISO 8601 time" }
                : refs with { CommitTimeNote = $"CI_COMMIT_TIMESTAMP '{Cut(given)}' is not an ISO 8601 time and {gitWhy}" };
        }

        var read = FromGit(refs.Sha, directory, out var why);
        return read is { } commitTime
            ? refs with { CommitTime = commitTime, CommitTimeSource = "git" }
            : refs with { CommitTimeNote = why };
    }

    /// <summary>An ISO 8601 time with an offset (<c>2025-03-01T10:20:30+01:00</c>, as GitLab writes it), else null.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The time, or null.</returns>
    public static DateTimeOffset? ParseIso(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;

    /// <summary>The Unix seconds git's <c>%ct</c> prints, else null.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The time, or null.</returns>
    public static DateTimeOffset? ParseUnixSeconds(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private DateTimeOffset? FromGit(string sha, string directory, out string why)
    {
        if (sha.Length == 0 || !CommitSha.IsValid(sha))
        {
            why = "there is no commit sha to ask git about";
            return null;
        }

        if (_git.Executable is null)
        {
            why = "git was not found";
            return null;
        }

        try
        {
            using var process = _git.Start(directory, ["show", "-s", "--format=%ct", sha + "^{commit}"]);
            var result = process.Wait();
            if (!result.Succeeded)
            {
                why = result.NotARepository
                    ? $"'{directory}' is not inside a git repository"
                    : $"git show found no commit {CommitSha.Short(sha)} (a shallow clone without it?): {Cut(result.ErrorText)}";
                return null;
            }

            var time = result.Lines.Select(ParseUnixSeconds).FirstOrDefault(parsed => parsed is not null);
            why = time is null ? "git show printed no commit time" : string.Empty;
            return time;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            why = "git show failed: " + exception.Message;
            return null;
        }
    }

    private static string Cut(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
