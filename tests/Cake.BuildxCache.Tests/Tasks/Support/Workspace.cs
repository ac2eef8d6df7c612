using Cake.BuildxCache.Tests.Refs;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>
/// The working directory of one run, in a temp folder: a cake.config whose [Buildx] section names the
/// Dockerfile and the context (so every command line shows that cake.config was read), the Dockerfile,
/// the context folder, and a fake <c>docker</c> executable on the run's PATH. CI workspaces are plain
/// folders (CI variables say where the build stands); local ones are real git repositories.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public const string Dockerfile = "docker/app.Dockerfile";
    public const string Context = "app";

    private readonly TemporaryDirectory? _directory;

    private Workspace(TemporaryDirectory? directory, GitRepository? repository)
    {
        _directory = directory;
        Repository = repository;
        Path = directory?.Path ?? repository!.Path;
        Write("cake.config", $"""
            ; Written by the task tests.
            [Buildx]
            Dockerfile={Dockerfile}
            Context={Context}
            ; The registries named here do not exist: asking them which cache refs exist is the end-to-end tests' job.
            CheckCacheRefs=false
            """);
        Write(Dockerfile, "FROM scratch AS slow\nCOPY . /src\nFROM scratch\nCOPY --from=slow /src /src\n");
        Write(Context + "/hello.txt", "hello\n");

        // Never started (the process runner is a substitute): it only has to be where Cake looks for docker.
        DockerPath = Write("fake-bin/docker", "#!/bin/sh\necho 'fake docker: the process runner should have been substituted' >&2\nexit 127\n");
        GitPath = Write("fake-bin/git", "#!/bin/sh\necho 'fake git: the process runner should have been substituted' >&2\nexit 127\n");
        BuildxPluginPath = Write("docker-config/cli-plugins/docker-buildx", "#!/bin/sh\necho 'fake buildx: the process runner should have been substituted' >&2\nexit 127\n");
        if (!OperatingSystem.IsWindows())
        {
            foreach (var executable in new[] { DockerPath, GitPath, BuildxPluginPath })
            {
                File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public string Path { get; }

    /// <summary>The fake docker executable Cake's tool locator is to find.</summary>
    public string DockerPath { get; }

    /// <summary>The fake git executable (the registry prune runs <c>git ls-remote</c> through the same process runner).</summary>
    public string GitPath { get; }

    /// <summary>The fake buildx plugin, where docker looks for it in <see cref="DockerConfigPath"/>: the run starts it directly.</summary>
    public string BuildxPluginPath { get; }

    /// <summary>The workspace's docker config folder, for DOCKER_CONFIG.</summary>
    public string DockerConfigPath => System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(BuildxPluginPath))!;

    /// <summary>The folder holding <see cref="DockerPath"/>, for PATH.</summary>
    public string BinPath => System.IO.Path.GetDirectoryName(DockerPath)!;

    /// <summary>The git repository of a local workspace, else null.</summary>
    public GitRepository? Repository { get; }

    /// <summary>A plain folder, as a CI job's checkout looks to a build that reads CI variables.</summary>
    public static Workspace Plain() => new(new TemporaryDirectory(), null);

    /// <summary>
    /// A real git repository: one empty commit on <c>main</c> (fixed author and dates, so the same sha
    /// every run), origin at https://gitlab.example.com/group/app.git with origin/HEAD at main.
    /// </summary>
    public static Workspace GitClone()
    {
        var repository = GitRepository.Init("main");
        repository.Commit("initial");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "main", setOriginHead: true);
        return new(null, repository);
    }

    public string Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        _directory?.Dispose();
        Repository?.Dispose();
    }
}
