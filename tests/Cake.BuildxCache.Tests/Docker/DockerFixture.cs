using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// Cake's test pattern for tool runners: a substituted file system (docker exists), environment
/// (working directory /work), tool locator (docker at /usr/bin/docker) and process runner whose process
/// answers with the given output and exit code. Records the path and settings docker was started with.
/// </summary>
internal sealed class DockerFixture
{
    public static readonly FilePath DockerPath = "/usr/bin/docker";

    public DockerFixture()
    {
        var file = Substitute.For<IFile>();
        file.Exists.Returns(true);
        FileSystem.GetFile(Arg.Any<FilePath>()).Returns(file);
        Environment.WorkingDirectory.Returns(new DirectoryPath("/work"));
        Tools.Resolve(Arg.Any<IEnumerable<string>>()).Returns(DockerPath);
        Process.WaitForExit(Arg.Any<int>()).Returns(true);
        Process.GetStandardOutput().Returns(_ => Output);
        Process.GetStandardError().Returns(_ => Error);
        Process.GetExitCode().Returns(_ => ExitCode);
        ProcessRunner.Start(Arg.Any<FilePath>(), Arg.Any<ProcessSettings>()).Returns(call =>
        {
            StartedPath = call.Arg<FilePath>();
            Started = call.Arg<ProcessSettings>();
            StartCount++;
            return Process;
        });
        Context.FileSystem.Returns(FileSystem);
        Context.Environment.Returns(Environment);
        Context.ProcessRunner.Returns(ProcessRunner);
        Context.Tools.Returns(Tools);
    }

    public IFileSystem FileSystem { get; } = Substitute.For<IFileSystem>();

    public ICakeEnvironment Environment { get; } = Substitute.For<ICakeEnvironment>();

    public IProcessRunner ProcessRunner { get; } = Substitute.For<IProcessRunner>();

    public IToolLocator Tools { get; } = Substitute.For<IToolLocator>();

    public IProcess Process { get; } = Substitute.For<IProcess>();

    public ICakeContext Context { get; } = Substitute.For<ICakeContext>();

    public IReadOnlyList<string> Output { get; set; } = [];

    public IReadOnlyList<string> Error { get; set; } = [];

    public int ExitCode { get; set; }

    public FilePath? StartedPath { get; private set; }

    public ProcessSettings? Started { get; private set; }

    public int StartCount { get; private set; }

    /// <summary>The rendered arguments docker was started with.</summary>
    public string Arguments => Started?.Arguments.Render() ?? throw new AssertionException("docker was not started");

    /// <summary>The rendered arguments with secrets redacted.</summary>
    public string SafeArguments => Started?.Arguments.RenderSafe() ?? throw new AssertionException("docker was not started");

    /// <summary>Answers with a real captured fixture: its lines on stdout (buildx interleaves; parsers read stdout) and its exit code.</summary>
    public DockerFixture Answering(string fixture, bool onStandardError = false, string version = Fixtures.Buildx0105)
    {
        var (lines, exitCode) = Fixtures.Captured(fixture, version);
        if (onStandardError)
        {
            Error = lines;
        }
        else
        {
            Output = lines;
        }

        ExitCode = exitCode;
        return this;
    }

    public T Runner<T>(Func<IFileSystem, ICakeEnvironment, IProcessRunner, IToolLocator, T> create) =>
        create(FileSystem, Environment, ProcessRunner, Tools);
}
