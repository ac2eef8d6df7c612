using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A repository that builds with Cake scripts, as most Cake users do, committed on <c>main</c>: the tool manifest of the
/// official runner, a nuget.config naming the folder feed of <see cref="PackedPackages"/>, cake.config, the two
/// <see cref="CakeScripts"/>, and <c>image/Dockerfile</c> (from a base no build can pull until a real-stack test writes
/// the run's own: <see cref="UseBaseImage"/>). The runner is restored once, when the repository is made.
/// </summary>
internal sealed class ScriptRepository : IDisposable
{
    private readonly TemporaryDirectory _cliHome = new();

    private ScriptRepository(PackedPackages packages)
    {
        Workspace = Workspace.Create(files: new Dictionary<string, string>
        {
            [OfficialRunner.ManifestPath] = OfficialRunner.Manifest,
            ["nuget.config"] = CakeScripts.NuGetConfig(packages.Feed),
            ["cake.config"] = CakeScripts.CakeConfig,
            [".gitignore"] = CakeScripts.GitIgnore,
            [CakeScripts.AliasesScript] = CakeScripts.Aliases(packages.Version),
            [CakeScripts.TasksScript] = CakeScripts.Tasks(packages.Version),
            [$"{CakeScripts.ImageFolder}/Dockerfile"] = Workspace.Dockerfile(Workspace.NoBuildBase),
        });
        OfficialRunner.Restore(Workspace.Path, CliHome);
    }

    public Workspace Workspace { get; }

    public string Path => Workspace.Path;

    /// <summary>Where dotnet remembers the runner's restore (for runs in a clone too).</summary>
    public string CliHome => _cliHome.Path;

    public static ScriptRepository Create(PackedPackages packages) => new(packages);

    /// <summary>Points <c>image/Dockerfile</c> at <paramref name="baseImage"/> (uncommitted: a CI job's refs come from its variables).</summary>
    public void UseBaseImage(string baseImage) =>
        Workspace.Write($"{CakeScripts.ImageFolder}/Dockerfile", Workspace.Dockerfile(baseImage));

    /// <summary><c>dotnet cake</c> here, with only <paramref name="environment"/>.</summary>
    public BuildRun Run(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments, string? secret = null) =>
        OfficialRunner.Run(Path, CliHome, environment, arguments, secret);

    public void Dispose()
    {
        Workspace.Dispose();
        _cliHome.Dispose();
    }
}
