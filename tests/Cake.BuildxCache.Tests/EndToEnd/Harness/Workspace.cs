using Cake.BuildxCache.Tests.Refs;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A real git repository with a small two-stage Dockerfile committed on <c>main</c>: what a CI job checks out.
/// </summary>
internal sealed class Workspace : IDisposable
{
    /// <summary>A slow first stage and a final stage copying from it: the shape the registry cache is for.</summary>
    public const string Dockerfile = """
        FROM busybox:1.36 AS slow
        ARG GIT_COMMIT
        RUN sleep 8 && echo "built $GIT_COMMIT" > /out

        FROM busybox:1.36
        COPY --from=slow /out /out
        CMD ["cat", "/out"]

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

    public static Workspace Create()
    {
        var repository = GitRepository.Init("main");
        File.WriteAllText(System.IO.Path.Combine(repository.Path, "Dockerfile"), Dockerfile);
        repository.Git("add", "Dockerfile");
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
