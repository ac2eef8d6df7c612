using Cake.BuildxCache.Refs;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>
/// Cake's own process runner and tool locator over this machine, as a build gets them: the git that the
/// readers run is the real one on PATH, started the way Cake starts every tool.
/// </summary>
internal static class CakeProcesses
{
    /// <summary>Cake's process runner, logging to <paramref name="log"/> (nowhere when null).</summary>
    public static IProcessRunner Runner(ICakeLog? log = null)
    {
        var (fileSystem, environment, configuration) = Machine();
        log ??= new NullLog();
        return new ProcessRunner(fileSystem, environment, log, Tools(), configuration);
    }

    /// <summary>Cake's tool locator: registrations, ./tools, then PATH.</summary>
    public static IToolLocator Tools()
    {
        var (fileSystem, environment, configuration) = Machine();
        var log = new NullLog();
        return new ToolLocator(environment, new ToolRepository(environment), new ToolResolutionStrategy(fileSystem, environment, new Globber(fileSystem, environment), configuration, log));
    }

    /// <summary>git as a build runs it.</summary>
    public static GitCli Git(ICakeLog? log = null) => new(Runner(log), Tools());

    /// <summary>A machine without git: Cake's tool locator finds none (and nothing is ever started).</summary>
    public static GitCli NoGit()
    {
        var tools = Substitute.For<IToolLocator>();
        tools.Resolve(Arg.Any<IEnumerable<string>>()).Returns((FilePath?)null);
        tools.Resolve(Arg.Any<string>()).Returns((FilePath?)null);
        return new(Substitute.For<IProcessRunner>(), tools);
    }

    private static (IFileSystem FileSystem, ICakeEnvironment Environment, ICakeConfiguration Configuration) Machine() =>
        (new FileSystem(), new CakeEnvironment(new CakePlatform(), new CakeRuntime()), new CakeConfiguration(new Dictionary<string, string>()));
}
