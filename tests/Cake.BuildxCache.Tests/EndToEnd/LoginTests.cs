using System.Net;
using System.Net.Sockets;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=Login</c> in a GitLab-like job with the real docker CLI against the real registry:
/// credentials land in (and leave) the temporary DOCKER_CONFIG, failures are clear, the password shows
/// nowhere: not in any process's argv (read from /proc while the login runs), not in any output line.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class LoginTests
{
    private DockerSandbox _sandbox = null!;
    private Workspace _workspace = null!;

    private static RegistryServer Registry => EndToEndSetUp.Registry;

    [SetUp]
    public void SetUp()
    {
        _sandbox = new DockerSandbox(BuildxKind.None);
        _workspace = Workspace.Create();
    }

    [TearDown]
    public void TearDown()
    {
        _workspace.Dispose();
        _sandbox.Dispose();
    }

    private Dictionary<string, string> Job(string? registry = null, string? password = null) =>
        Ci.GitLab(registry ?? Registry.Host, Ci.ProjectPath, Registry.User, password ?? Registry.Password, _workspace.Sha).Branch("main", "main");

    private BuildRun Login(Dictionary<string, string> job, string secret, params string[] arguments) =>
        BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=Login", "--verbosity=diagnostic", .. arguments], secret);

    [Test]
    public void Right_credentials_log_in_and_config_json_gains_the_registry()
    {
        Assert.That(_sandbox.StoredLogins(), Is.Empty);

        // A CI job that logs in for its later steps keeps the login (CI logs out at the end by default).
        var run = Login(Job(), Registry.Password, "--logout=false");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"Logged in to {Registry.Host} (image, cache) as {Registry.User}."));
        Assert.That(_sandbox.StoredLogins(), Is.EqualTo(new[] { Registry.Host }));
        Assert.That(_sandbox.DockerCalls(), Is.EqualTo(new[] { new[] { "login", "--username", Registry.User, "--password-stdin", Registry.Host } }));
        AssertNoLeak(run, Registry.Password);
    }

    [Test]
    public void The_password_is_in_no_process_argv_while_the_login_runs()
    {
        // The shim holds the login for a second so that the scan sees it; the password still goes on stdin.
        _sandbox.SlowDownLogin(TimeSpan.FromSeconds(1));

        var run = Login(Job(), Registry.Password);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Scan!.CommandLines, Has.Some.Contains("login --username " + Registry.User + " --password-stdin " + Registry.Host),
            $"the scan ({run.Scan.Passes} passes) must have seen the docker login running, or it proves nothing");
        Assert.That(run.Scan.Leaks, Is.Empty, "command lines holding the password");
        Assert.That(run.Output, Does.Not.Contain(Registry.Password));
    }

    [Test]
    public void Wrong_credentials_fail_with_docker_reason_and_a_non_zero_exit()
    {
        const string Wrong = "not-the-password-5c1d";

        var run = Login(Job(password: Wrong), Wrong);

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"docker login to {Registry.Host} failed (exit code 1)").And.Contain("401 Unauthorized"));
        Assert.That(_sandbox.StoredLogins(), Is.Empty);
        AssertNoLeak(run, Wrong);
    }

    [Test]
    public void An_unreachable_registry_fails_fast_with_a_clear_message()
    {
        var closed = "127.0.0.1:" + RegistryServer.FreePort();
        var job = Job(registry: closed);

        var run = Login(job, Registry.Password);

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"docker login to {closed} failed").And.Contain("connection refused"));
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "a refused connection must not be waited on");
        AssertNoLeak(run, Registry.Password);
    }

    [Test]
    public void A_registry_that_accepts_but_never_answers_ends_the_login_within_docker_timeout()
    {
        // A firewalled or hung registry: the TCP connection opens, no HTTP answer ever comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var host = "127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port;

        var run = Login(Job(registry: host), Registry.Password);

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"docker login to {host} failed"));
        Assert.That(run.Output, Does.Contain("Client.Timeout exceeded").Or.Contain("deadline exceeded"), "docker words its time-out either way");
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Logout_removes_the_credentials_the_run_stored()
    {
        var run = Login(Job(), Registry.Password, "--logout=true");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"Logged in to {Registry.Host}").And.Contain($"Logged out of {Registry.Host}."));
        Assert.That(_sandbox.DockerCalls().Select(call => call[0]), Is.EqualTo(new[] { "login", "logout" }));
        Assert.That(_sandbox.StoredLogins(), Is.Empty, "config.json still holds credentials");
        AssertNoLeak(run, Registry.Password);
    }

    [Test]
    public void Without_logout_the_credentials_stay_for_the_jobs_next_steps()
    {
        var run = Login(Job(), Registry.Password, "--logout=false");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(_sandbox.DockerCalls().Select(call => call[0]), Is.EqualTo(new[] { "login" }));
        Assert.That(_sandbox.StoredLogins(), Is.EqualTo(new[] { Registry.Host }));
    }

    [Test]
    public void In_ci_without_credentials_the_run_stops_before_any_docker_command()
    {
        var job = Job().Without("CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD");

        var run = BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=Login"]);

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("registry-user").Or.Contain("registry-password"));
        Assert.That(_sandbox.DockerCalls(), Is.Empty);
    }

    [Test]
    public void A_local_run_without_credentials_skips_the_login_with_a_message()
    {
        // No CI variables: a developer's laptop, already logged in.
        var local = new Dictionary<string, string> { ["BUILDX_IMAGE"] = Registry.Host + "/local/app" };

        var run = BuildApp.Run(_workspace.Path, local.Over(_sandbox), ["--target=Login"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"Not logging in to {Registry.Host}").And.Contain("no credentials given"));
        Assert.That(_sandbox.DockerCalls(), Is.Empty);
    }

    private static void AssertNoLeak(BuildRun run, string secret)
    {
        Assert.That(run.Lines, Has.None.Contains(secret), "an output line shows the password");
        Assert.That(run.Scan?.Leaks ?? [], Is.Empty, "a process's argv held the password");
        Assert.That(run.Scan?.Passes ?? 1, Is.GreaterThan(0));
    }
}
