using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Tests.Hosting.Support;
using Cake.Core.IO;
using Microsoft.Extensions.DependencyInjection;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>What one run of the build app did: its exit code, everything it printed, and every docker process it started.</summary>
internal sealed record BuildxRunResult(int ExitCode, string Output, IReadOnlyList<DockerCall> Calls)
{
    public IReadOnlyList<string> Commands => [.. Calls.Select(call => call.Arguments)];

    /// <summary>Says what happened, for assertion messages.</summary>
    public override string ToString() =>
        $"exit code {ExitCode}; docker calls:\n  {string.Join("\n  ", Calls)}\noutput:\n{Output}";
}

/// <summary>
/// Runs the real build app, <c>new CakeHost().UseBuildxCache()</c>, in-process through the hosting
/// tests' <see cref="HostRunner"/> (recording console, dictionary environment), with the module's
/// context given a fixed clock, the workspace as working directory, the fake docker first on PATH for
/// Cake's tool locator, and <see cref="FakeDocker"/>'s substitute as the <see cref="IProcessRunner"/>.
/// </summary>
internal sealed class BuildxHost(Workspace workspace, Dictionary<string, string> environment)
{
    public FakeDocker Docker { get; } = new();

    public Workspace Workspace { get; } = workspace;

    public BuildxRunResult Run(params string[] args)
    {
        var variables = new Dictionary<string, string>(environment) { ["PATH"] = Workspace.BinPath };
        variables.TryAdd("DOCKER_CONFIG", Workspace.DockerConfigPath);
        var result = new HostRunner()
            .WithEnvironment(variables)
            .Configure(host => host
                .UseBuildxCache<FixedClockContext>()
                .UseWorkingDirectory(Workspace.Path)
                .ConfigureServices(services => services.AddSingleton(Docker.Runner)))
            .Run(args);
        var run = new BuildxRunResult(result.ExitCode, result.Output, Docker.Calls);
        Assert.That(Docker.Unscripted, Is.Empty, () => "docker was called with arguments no rule answers: " + run);
        Assert.That(
            run.Calls.Where(call => call.ToolPath.GetFilename().FullPath != "docker-buildx").Select(call => call.ToolPath.FullPath),
            Is.All.AnyOf(Workspace.DockerPath, Workspace.GitPath),
            "docker (and git) are the workspace's fakes, found on PATH");
        return run;
    }
}
