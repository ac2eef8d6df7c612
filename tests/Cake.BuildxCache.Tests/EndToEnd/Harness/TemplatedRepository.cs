using Cake.BuildxCache.Tests.Refs;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A repository set up by <c>dotnet new buildx-cache</c> from the run's template package, as a user sets one up: a
/// fresh git repository with its Dockerfile in <c>image/</c>, the template written with <c>--dockerfile</c>,
/// <c>--context</c> and <c>--feed</c> (the run's folder feed), committed. <see cref="SharedProgram"/>'s build program
/// is built once per run by its own <c>build.sh</c>; a test that changes a repository works on a <see cref="Copy"/>,
/// which keeps the built program and its stamp (the stamp hashes relative paths).
/// </summary>
internal sealed class TemplatedRepository : IDisposable
{
    /// <summary>The folder of the Dockerfile and the build context, given to the template.</summary>
    public const string ImageFolder = "image";

    /// <summary>The line the program bootstrapper prints when it builds the program.</summary>
    public const string BuildingLine = "Building the build program (build/) ...";

    private static readonly Lazy<TemplatedRepository> Program = new(() =>
    {
        var repository = Create("program");
        var built = repository.Run(["--version"]);
        Assert.That(built.ExitCode, Is.EqualTo(0), "the first ./build.sh:\n" + built.Output);
        return repository;
    });

    private readonly GitRepository _repository;

    private TemplatedRepository(GitRepository repository) => _repository = repository;

    /// <summary>The run's repository of the <c>program</c> kind, its program built; read it, change a <see cref="Copy"/>.</summary>
    public static TemplatedRepository SharedProgram => Program.Value;

    public string Path => _repository.Path;

    /// <summary>A new repository with the template of <paramref name="kind"/> (<c>program</c> or <c>script</c>).</summary>
    public static TemplatedRepository Create(string kind, string from = Workspace.NoBuildBase)
    {
        var repository = new TemplatedRepository(GitRepository.Init("main"));
        repository.Write(ImageFolder + "/Dockerfile", Workspace.Dockerfile(from));
        TemplateHive.Shared.New(
            repository.Path,
            "--kind", kind, "--dockerfile", ImageFolder + "/Dockerfile", "--context", ImageFolder, "--feed", PackedPackages.Shared.Feed);
        repository.Commit("dotnet new " + TemplateHive.ShortName);
        return repository;
    }

    /// <summary>A copy of this repository, its git history and built program included.</summary>
    public TemplatedRepository Copy()
    {
        var copy = new TemplatedRepository(GitRepository.Init("main"));
        var cp = ProcessRunner.Run("cp", ["-a", Path + "/.", copy.Path]);
        Assert.That(cp.ExitCode, Is.EqualTo(0), cp.Output);
        return copy;
    }

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    public bool Exists(string relativePath) => File.Exists(System.IO.Path.Combine(Path, relativePath)) || Directory.Exists(System.IO.Path.Combine(Path, relativePath));

    public void Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    /// <summary>Commits everything and returns the commit's sha.</summary>
    public string Commit(string message)
    {
        _repository.Git("add", "-A");
        return _repository.Commit(message);
    }

    /// <summary>
    /// <c>./build.sh <paramref name="arguments"/></c> as a developer runs it (no CI variables, no <c>BUILDX_IMAGE</c>),
    /// with <paramref name="environment"/> over that; the packages restore into the machine's packages folder.
    /// </summary>
    public ProcessResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["CI"] = null,
            ["GITLAB_CI"] = null,
            ["GITHUB_ACTIONS"] = null,
            ["BUILDX_IMAGE"] = null,
            ["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return ProcessRunner.Run(System.IO.Path.Combine(Path, "build.sh"), arguments, Path, variables, TimeSpan.FromMinutes(10));
    }

    public void Dispose() => _repository.Dispose();
}
