using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>Login through the real host: the password on stdin only, skipped locally, refused in CI without credentials.</summary>
public sealed class LoginTests
{
    [Test]
    public void Credentials_log_in_with_the_password_on_stdin_only()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=Login", "--logout=false", "--verbosity=diagnostic");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.GitLabLogin }));
        var login = run.Calls[0];
        Assert.Multiple(() =>
        {
            Assert.That(login.StandardInputText, Is.EqualTo(Jobs.GitLabPassword), "the password, as is, is docker's stdin");
            Assert.That(login.Arguments, Does.Not.Contain(Jobs.GitLabPassword));
            Assert.That(login.SafeArguments, Does.Not.Contain(Jobs.GitLabPassword));
            Assert.That(run.Output, Does.Not.Contain(Jobs.GitLabPassword), "nothing printed at diagnostic verbosity shows the password");
            Assert.That(run.Output, Does.Contain("Logged in to registry.gitlab.example.com (image, cache) as gitlab-ci-token."));
        });
    }

    [Test]
    public void Only_the_login_gets_stdin()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls.Where(call => call.StandardInput is not null).Select(call => call.Arguments), Is.EqualTo(new[] { Commands.GitLabLogin }));
        Assert.That(run.Calls.Select(call => call.Arguments + call.SafeArguments), Has.None.Contains(Jobs.GitLabPassword));
    }

    [Test]
    public void Locally_without_credentials_no_login_runs_and_a_message_says_why()
    {
        using var workspace = Workspace.GitClone();
        var host = new BuildxHost(workspace, Jobs.Local());

        var run = host.Run("--target=Login");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("Not logging in to localhost:5000 (image, cache): no credentials given, so the docker login you already have is used."));
    }

    [Test]
    public void In_CI_without_credentials_the_run_fails_before_any_docker_process()
    {
        using var workspace = Workspace.Plain();
        var job = Jobs.GitLabFeatureBranch();
        job.Remove("CI_REGISTRY_USER");
        job.Remove("CI_REGISTRY_PASSWORD");
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("registry-user").And.Contain("is needed in CI: no credentials for registry registry.gitlab.example.com"));
    }

    [Test]
    public void A_refused_login_fails_the_run_with_dockers_reason_and_builds_nothing()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^login ", "docker-login-bad.txt");

        var run = host.Run("--target=Publish", "--verbosity=diagnostic");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version, Commands.Create, Commands.GitLabLogin }));
        Assert.That(run.Output, Does.Contain("docker login to registry.gitlab.example.com failed (exit code 1): Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized"));
        Assert.That(run.Output, Does.Not.Contain(Jobs.GitLabPassword));
    }

    [Test]
    public void A_refused_connection_is_tried_again_and_a_registry_that_comes_back_logs_in()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        var attempts = 0;
        host.Docker.On("^login ", _ => ++attempts == 1 ? DockerAnswer.Fixture("docker-login-unreachable.nodaemon.txt") : DockerAnswer.Fixture("docker-login-ok.nodaemon.txt"));

        var run = host.Run("--target=Login", "--logout=false");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.GitLabLogin, Commands.GitLabLogin }));
        Assert.That(run.Output, Does.Contain("trying again in 1 s"));
    }

    [Test]
    public void A_registry_that_stays_unreachable_fails_after_three_attempts()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^login ", "docker-login-unreachable.nodaemon.txt");

        var run = host.Run("--target=Login");

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.GitLabLogin, Commands.GitLabLogin, Commands.GitLabLogin }));
        Assert.That(run.Output, Does.Contain("connection refused"));
    }

    [Test]
    public void A_refused_login_that_echoes_the_password_is_reported_redacted()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^login ", _ => DockerAnswer.Fail(1, $"Error saving credentials: helper refused secret '{Jobs.GitLabPassword}'"));

        var run = host.Run("--target=Login", "--verbosity=diagnostic");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("docker login to registry.gitlab.example.com failed (exit code 1): Error saving credentials: helper refused secret '[REDACTED]'"));
        Assert.That(run.Output, Does.Not.Contain(Jobs.GitLabPassword));
    }

    [Test]
    public void A_cache_repository_on_another_registry_gets_its_own_login_after_the_images()
    {
        using var workspace = Workspace.Plain();
        const string cachePassword = "cache-S3cr3t-T0ken";
        var job = Jobs.With(Jobs.GitLabFeatureBranch(), ("BUILDX_CACHE_REGISTRY_PASSWORD", cachePassword));
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=Login", "--logout=false", "--cache-repo=cache.example.com/group/app-cache", "--cache-registry-user=cache-bot");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.GitLabLogin,
            "login --username \"cache-bot\" --password-stdin \"cache.example.com\"",
        }));
        Assert.That(run.Calls.Select(call => call.StandardInputText), Is.EqualTo(new[] { Jobs.GitLabPassword, cachePassword }));
        Assert.That(run.Output, Does.Not.Contain(cachePassword).And.Not.Contain(Jobs.GitLabPassword));
    }
}
