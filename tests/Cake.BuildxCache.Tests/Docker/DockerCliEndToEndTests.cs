using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Docker.Login;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// The wrappers against the real docker CLI through Cake's real <see cref="ProcessRunner"/>: stdin, capture,
/// exit codes and logging as they really happen. Needs no daemon (context commands and login work without
/// one); each test uses its own DOCKER_CONFIG. Ignored where no docker CLI is on PATH.
/// </summary>
[NonParallelizable]
public sealed class DockerCliEndToEndTests
{
    private const string Password = "e2e-Pa55word-9f8e7d";

    private readonly List<string> _log = [];
    private string _config = null!;
    private ICakeContext _context = null!;
    private FilePath _docker = null!;

    [SetUp]
    public void SetUp()
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, "docker"))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Ignore("no docker CLI on PATH");
        }

        _docker = found!;
        _config = Directory.CreateTempSubdirectory("docker-config-").FullName;

        var log = Substitute.For<ICakeLog>();
        log.Verbosity.Returns(Verbosity.Diagnostic);
        log.When(l => l.Write(Arg.Any<Verbosity>(), Arg.Any<LogLevel>(), Arg.Any<string>(), Arg.Any<object[]>()))
            .Do(call => _log.Add(string.Format(CultureInfo.InvariantCulture, call.ArgAt<string>(2), call.ArgAt<object[]>(3))));
        var fileSystem = new FileSystem();
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        var tools = Substitute.For<IToolLocator>();
        tools.Resolve(Arg.Any<IEnumerable<string>>()).Returns(_docker);
        var configuration = Substitute.For<ICakeConfiguration>();
        configuration.GetValue(Arg.Any<string>()).Returns((string?)null);

        var processRunner = new ProcessRunner(fileSystem, environment, log, tools, configuration);

        _context = Substitute.For<ICakeContext>();
        _context.FileSystem.Returns(fileSystem);
        _context.Environment.Returns(environment);
        _context.Tools.Returns(tools);
        _context.ProcessRunner.Returns(processRunner);
    }

    [TearDown]
    public void TearDown()
    {
        if (_config is not null && Directory.Exists(_config))
        {
            Directory.Delete(_config, recursive: true);
        }
    }

    private T Isolated<T>(T settings)
        where T : ToolSettings
    {
        settings.EnvironmentVariables["DOCKER_CONFIG"] = _config;
        settings.EnvironmentVariables["DOCKER_HOST"] = "unix://" + System.IO.Path.Combine(_config, "no-daemon.sock");
        return settings;
    }

    [Test]
    public void A_context_is_missing_then_created_then_found()
    {
        Assert.That(_context.DockerContextInspect(Isolated(new DockerContextInspectSettings { Name = "e2e" })), Is.Null);

        _context.DockerContextCreate(Isolated(new DockerContextCreateSettings
        {
            Name = "e2e",
            Description = "end to end",
            Docker = new DockerEndpoint("tcp://127.0.0.1:2376"),
        }));
        var info = _context.DockerContextInspect(Isolated(new DockerContextInspectSettings { Name = "e2e" }));

        Assert.That(info, Is.EqualTo(new DockerContextInfo("e2e", "end to end", "tcp://127.0.0.1:2376", false)));
    }

    [Test]
    public void Creating_a_context_twice_fails_with_docker_reason()
    {
        var settings = new DockerContextCreateSettings { Name = "twice", Docker = new DockerEndpoint("tcp://127.0.0.1:2376") };
        _context.DockerContextCreate(Isolated(settings));

        var error = Assert.Throws<CakeException>(() => _context.DockerContextCreate(Isolated(settings)));

        Assert.That(error!.Message, Does.StartWith("docker context create twice failed (exit code 1): ").And.Contain("already exists"));
    }

    [Test]
    public void A_login_to_an_unreachable_registry_reads_the_password_from_stdin_and_never_shows_it()
    {
        var registry = "127.0.0.1:" + ClosedPort().ToString(CultureInfo.InvariantCulture);

        var error = Assert.Throws<CakeException>(() => _context.RegistryLogin(Isolated(new RegistryLoginSettings
        {
            Server = registry,
            Username = "e2e",
            Password = Password,
        })));

        // Had stdin not carried the password, docker would have complained about it instead of dialling.
        Assert.That(error!.Message, Does.StartWith($"docker login to {registry} failed (exit code 1): ").And.Contain("connection refused"));
        Assert.That(error.Message, Does.Not.Contain(Password));
        Assert.That(_log, Has.Some.Contains("--password-stdin"), "the command line was logged");
        Assert.That(_log, Has.None.Contains(Password));
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
