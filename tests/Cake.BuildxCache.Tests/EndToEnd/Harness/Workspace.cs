using Cake.BuildxCache.Tests.Refs;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A real git repository with a small two-stage Dockerfile committed on <c>main</c>: what a CI job checks out.
/// </summary>
internal sealed class Workspace : IDisposable
{
    /// <summary>The base image of tests that run no build (the Dockerfile is only read, never built).</summary>
    public const string NoBuildBase = "registry.invalid/base/busybox:1";

    /// <summary>How long the slow step of <see cref="Dockerfile"/> sleeps, in seconds.</summary>
    public const int SlowStepSeconds = 6;

    /// <summary>
    /// A slow first stage and a final stage copying from it: the shape the registry cache is for. The final stage
    /// takes the commit (build-arg <c>GIT_COMMIT</c>) before it copies, so a new commit rebuilds the final stage
    /// and needs the slow stage's result: from a <c>mode=max</c> cache it is imported, from <c>mode=min</c> it runs again.
    /// </summary>
    public static string Dockerfile(string from) => $"""
        FROM {from} AS slow
        RUN sleep {SlowStepSeconds} && echo "slow stage done" > /out

        FROM {from}
        ARG GIT_COMMIT
        RUN echo "commit $GIT_COMMIT" > /commit
        COPY --from=slow /out /out
        CMD ["cat", "/out", "/commit"]

        """;

    private Workspace(GitRepository repository, string sha)
    {
        Repository = repository;
        Sha = sha;
    }

    public GitRepository Repository { get; }

    public string Path => Repository.Path;

    /// <summary>The commit on main.</summary>
    public string Sha { get; }

    public string ShortSha => Sha[..8];

    /// <summary>
    /// A repository whose Dockerfile starts <c>FROM <paramref name="from"/></c> (the run's base image for real builds),
    /// committed with <paramref name="files"/> (relative path and content) when given.
    /// </summary>
    public static Workspace Create(string from = NoBuildBase, IReadOnlyDictionary<string, string>? files = null)
    {
        var repository = GitRepository.Init("main");
        foreach (var (relativePath, content) in new Dictionary<string, string>(files ?? new Dictionary<string, string>()) { ["Dockerfile"] = Dockerfile(from) })
        {
            var file = System.IO.Path.Combine(repository.Path, relativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }

        repository.Git("add", "-A");
        return new Workspace(repository, repository.Commit("app"));
    }

    public string Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Repository.Dispose();
}
