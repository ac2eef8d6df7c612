using Cake.BuildxCache.Tests.Support;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// One real-stack test's world: a sandboxed docker with the real buildx, a git repository whose Dockerfile
/// starts from the run's base image, a <c>buildkitd.toml</c> naming the plain-HTTP registries, a builder
/// name of this run, and a project path of its own in the run's registry. Dispose removes the builder (and the
/// repository, unless the scene was given one: <see cref="In"/>).
/// </summary>
internal sealed class RealScene : IDisposable
{
    private readonly bool _ownsWorkspace;

    private RealScene(string kind, IReadOnlyList<RegistryServer> plainHttpRegistries, Workspace? workspace = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        Project = $"e2e/{kind}-{id}";
        Builder = TestBuilders.NewName();
        Sandbox = new DockerSandbox(BuildxKind.Real);
        _ownsWorkspace = workspace is null;
        Workspace = workspace ?? Workspace.Create(EndToEndSetUp.BaseImage);
        WriteBuildkitdConfig([.. plainHttpRegistries.Select(registry => registry.Host)]);
    }

    /// <summary>The run's registry: image, cache and base image.</summary>
    public static RegistryServer Registry => EndToEndSetUp.Registry;

    public DockerSandbox Sandbox { get; }

    public Workspace Workspace { get; }

    /// <summary>The project path in the registry, e.g. <c>e2e/publish-1a2b3c4d</c>.</summary>
    public string Project { get; }

    public string Builder { get; }

    /// <summary>The image, <c>host/project</c>.</summary>
    public string Image => $"{Registry.Host}/{Project}";

    /// <summary>The default cache repository (path without host).</summary>
    public string CacheRepository => Project + "/cache";

    /// <summary>
    /// A scene, or the test stops when the real stack is missing (<see cref="RealStack.Require"/>).
    /// <paramref name="otherRegistries"/> are marked plain HTTP in the builder's config besides the run's.
    /// </summary>
    public static RealScene Create(string kind, params RegistryServer[] otherRegistries)
    {
        RealStack.Require();
        return new RealScene(kind, [Registry, .. otherRegistries]);
    }

    /// <summary>
    /// A scene in a workspace a fixture shares between its tests (its builds then start from whatever Dockerfile the
    /// fixture wrote); dispose leaves the workspace to the fixture. The test stops when the real stack is missing.
    /// </summary>
    public static RealScene In(Workspace workspace, string kind)
    {
        RealStack.Require();
        return new RealScene(kind, [Registry], workspace);
    }

    /// <summary>What every run of this scene is given: its builder, host networking and the buildkitd.toml.</summary>
    public IReadOnlyList<string> BuilderArguments => ["--builder=" + Builder, "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml"];

    /// <summary>A GitLab job of this scene's project with the run's registry credentials.</summary>
    public Dictionary<string, string> GitLab() =>
        Ci.GitLab(Registry.Host, Project, Registry.User, Registry.Password, Workspace.Sha);

    /// <summary>
    /// <c>./build.sh</c> with this scene's builder, host networking and buildkitd.toml, scanning argv for the
    /// registry password.
    /// </summary>
    public BuildRun Run(Dictionary<string, string> job, params string[] arguments) =>
        BuildApp.Run(
            Workspace.Path,
            job.Over(Sandbox),
            [.. arguments, .. BuilderArguments],
            secret: Registry.Password,
            timeout: TimeSpan.FromMinutes(10));

    /// <summary>
    /// <see cref="Run"/> with this scene's builder name and <paramref name="builderArguments"/> instead of the scene's
    /// host networking and buildkitd.toml: for a remote builder, or a buildkitd.toml generated from the options.
    /// </summary>
    public BuildRun RunWithBuilder(Dictionary<string, string> job, IReadOnlyList<string> builderArguments, params string[] arguments) =>
        BuildApp.Run(
            Workspace.Path,
            job.Over(Sandbox),
            [.. arguments, "--builder=" + Builder, .. builderArguments],
            secret: Registry.Password,
            timeout: TimeSpan.FromMinutes(10));

    /// <summary>Rewrites the builder's <c>buildkitd.toml</c>: each host is a plain-HTTP registry.</summary>
    public void WriteBuildkitdConfig(IEnumerable<string> plainHttpHosts) =>
        Workspace.Write("buildkitd.toml", string.Concat(plainHttpHosts.Select(host => $"""
            [registry."{host}"]
              http = true

            """)));

    /// <summary>The docker command lines of the runs so far whose first words are <paramref name="words"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls(params string[] words) =>
        [.. Sandbox.DockerCalls().Where(call => call.Count >= words.Length && call.Take(words.Length).SequenceEqual(words))];

    /// <summary>A docker command in this scene's sandbox (its config, its engine), for what a test checks.</summary>
    public ProcessResult Docker(params string[] arguments) =>
        ProcessRunner.Run(
            Tools.Docker,
            arguments,
            Workspace.Path,
            Sandbox.Environment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            TimeSpan.FromMinutes(5));

    /// <summary>What a developer did once: <c>docker login</c> to the run's registry (password on stdin).</summary>
    public void LogInAsDeveloper()
    {
        var login = ProcessRunner.Run(
            Tools.Docker,
            ["login", "--username", Registry.User, "--password-stdin", Registry.Host],
            Workspace.Path,
            Sandbox.Environment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            TimeSpan.FromMinutes(1),
            standardInput: Registry.Password);
        Assert.That(login.ExitCode, Is.EqualTo(0), login.Output);
    }

    /// <summary>The image's tags loaded into the engine (<c>repository:tag</c>).</summary>
    public IReadOnlyList<string> LoadedImages() =>
        [.. Docker("image", "ls", "--filter", "reference=" + Image, "--format", "{{.Repository}}:{{.Tag}}")
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public void Dispose()
    {
        // Images a run loaded into the engine: only this scene's repository, which no one else uses.
        foreach (var image in LoadedImages().Where(image => image.StartsWith(Image + ":", StringComparison.Ordinal)))
        {
            Docker("image", "rm", "--force", image);
        }

        Sandbox.Dispose();
        if (_ownsWorkspace)
        {
            Workspace.Dispose();
        }
    }
}
