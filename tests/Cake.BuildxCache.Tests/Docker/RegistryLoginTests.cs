using System.Text;
using Cake.BuildxCache.Docker.Login;
using Cake.Core;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class RegistryLoginTests
{
    private const string Password = "s3cr3t-Pa55";

    [Test]
    public void The_password_goes_to_stdin_only_and_never_into_the_arguments()
    {
        var fixture = new DockerFixture().Answering("docker-login-ok.txt");

        var result = fixture.Context.RegistryLogin("registry.example.com", "ci-bot", Password);

        Assert.That(fixture.Arguments, Is.EqualTo("login --username \"ci-bot\" --password-stdin \"registry.example.com\""));
        Assert.That(fixture.SafeArguments, Is.EqualTo(fixture.Arguments));
        Assert.That(fixture.Arguments, Does.Not.Contain(Password));
        Assert.That(Encoding.UTF8.GetString(fixture.Started!.StandardInput!.Value.Span), Is.EqualTo(Password), "exactly the password, no newline");
        Assert.That(fixture.Started.EnvironmentVariables.Values, Has.None.Contains(Password));
        Assert.That(result.Output, Is.EqualTo(new[] { "Login Succeeded" }));
    }

    [Test]
    public void Without_a_server_docker_hub_is_meant()
    {
        var fixture = new DockerFixture().Answering("docker-login-ok.txt");

        fixture.Context.RegistryLogin(null, "someone", Password);

        Assert.That(fixture.Arguments, Is.EqualTo("login --username \"someone\" --password-stdin"));
    }

    [Test]
    public void A_refused_login_throws_with_docker_reason_and_no_password()
    {
        var fixture = new DockerFixture().Answering("docker-login-bad.txt", onStandardError: true);

        var error = Assert.Throws<CakeException>(() => fixture.Context.RegistryLogin("127.0.0.1:5000", "ci-bot", Password));

        Assert.That(error!.ExitCode, Is.EqualTo(1));
        Assert.That(error.Message, Is.EqualTo(
            "docker login to 127.0.0.1:5000 failed (exit code 1): Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized"));
    }

    [Test]
    public void Without_a_daemon_the_cli_chatter_is_dropped_from_the_message()
    {
        var fixture = new DockerFixture().Answering("docker-login-unreachable.nodaemon.txt", onStandardError: true);

        var error = Assert.Throws<CakeException>(() => fixture.Context.RegistryLogin("127.0.0.1:5999", "ci-bot", Password));

        Assert.That(error!.Message, Is.EqualTo(
            "docker login to 127.0.0.1:5999 failed (exit code 1): Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused"));
    }

    [Test]
    public void A_password_docker_echoes_back_is_redacted_from_the_message()
    {
        var fixture = new DockerFixture { Error = [$"Error: credentials ci-bot:{Password} rejected"], ExitCode = 1 };

        var error = Assert.Throws<CakeException>(() => fixture.Context.RegistryLogin("registry.example.com", "ci-bot", Password));

        Assert.That(error!.Message, Does.Not.Contain(Password));
        Assert.That(error.Message, Does.EndWith("Error: credentials ci-bot:[REDACTED] rejected"));
    }

    [Test]
    public void Captured_lines_pass_through_a_redacting_handler_before_cake_logs_them()
    {
        var fixture = new DockerFixture().Answering("docker-login-ok.txt");

        fixture.Context.RegistryLogin("registry.example.com", "ci-bot", Password);

        Assert.That(fixture.Started!.RedirectedStandardOutputHandler!($"echo {Password}"), Is.EqualTo("echo [REDACTED]"));
        Assert.That(fixture.Started.RedirectedStandardErrorHandler!($"{Password}!"), Is.EqualTo("[REDACTED]!"));
        Assert.That(fixture.Started.RedirectedStandardOutputHandler!(null!), Is.Null, "Cake signals end of stream with null");
    }

    [TestCase(null, Password, "user name")]
    [TestCase("ci-bot", null, "password")]
    [TestCase("ci-bot", "", "password")]
    public void Missing_credentials_are_refused_before_docker_runs(string? username, string? password, string what)
    {
        var fixture = new DockerFixture();

        var error = Assert.Throws<ArgumentException>(() => fixture.Context.RegistryLogin(
            new RegistryLoginSettings { Server = "registry.example.com", Username = username, Password = password }));

        Assert.That(error!.Message, Does.Contain(what));
        fixture.ProcessRunner.DidNotReceiveWithAnyArgs().Start(default!, default!);
    }

    [Test]
    public void Logout_names_the_server()
    {
        var fixture = new DockerFixture().Answering("docker-logout.nodaemon.txt");

        var result = fixture.Context.RegistryLogout("127.0.0.1:5000");

        Assert.That(fixture.Arguments, Is.EqualTo("logout \"127.0.0.1:5000\""));
        Assert.That(fixture.Started!.StandardInput, Is.Null);
        Assert.That(result.Output.Single(), Is.EqualTo("Removing login credentials for 127.0.0.1:5000"));
    }
}
