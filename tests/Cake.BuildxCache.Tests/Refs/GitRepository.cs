using System.Diagnostics;

using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>
/// A real git repository made with the git CLI in a temp directory, so the local reader is tested
/// against what git itself writes. The user's and system's git configuration are ignored.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private GitRepository()
    {
    }

    public string Path => _directory.Path;

    public static GitRepository Init(string initialBranch)
    {
        var repository = new GitRepository();
        repository.Git("init", "-q", "-b", initialBranch);
        return repository;
    }

    /// <summary>Makes an empty commit with a fixed author and returns its full sha.</summary>
    public string Commit(string message)
    {
        Git("-c", "user.name=Test Author", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
            "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_DATE"] = "2024-01-01T00:00:00Z";
        start.Environment["GIT_COMMITTER_DATE"] = "2024-01-01T00:00:00Z";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }

        return output.Result.Trim();
    }

    /// <summary>Adds origin and a remote-tracking ref for <paramref name="branch"/> at HEAD.</summary>
    public void AddOrigin(string url, string branch, bool setOriginHead)
    {
        Git("remote", "add", "origin", url);
        Git("update-ref", $"refs/remotes/origin/{branch}", "HEAD");
        if (setOriginHead)
        {
            Git("symbolic-ref", "refs/remotes/origin/HEAD", $"refs/remotes/origin/{branch}");
        }
    }

    public void Dispose() => _directory.Dispose();
}
