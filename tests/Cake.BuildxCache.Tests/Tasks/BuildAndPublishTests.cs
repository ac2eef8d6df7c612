using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>BuildWithCache and Publish through the real host in CI-like environments and locally.</summary>
public sealed class BuildAndPublishTests
{
    private const string Digest = "sha256:301c024fb5e9588552297a7ccf5b0b36edb7c1ec7adf9accc24e20d4c8f4a077";
    private const string GitLabSource = "https://gitlab.example.com/group/app";

    private static readonly string MainBuild =
        "buildx build --builder \"buildx-cache\" --file \"docker/app.Dockerfile\" "
        + "--tag \"registry.gitlab.example.com/group/app:main\" --tag \"registry.gitlab.example.com/group/app:3f9c1e2a\" --tag \"registry.gitlab.example.com/group/app:latest\" "
        + Commands.Labels("main", GitLabSource) + " "
        + "--cache-from \"type=registry,ref=registry.gitlab.example.com/group/app/cache:main\" "
        + "--cache-to \"type=registry,ref=registry.gitlab.example.com/group/app/cache:main,mode=max,ignore-error=true,compression=zstd\" "
        + "--push --metadata-file \"artifacts/buildx-metadata.json\" --progress \"plain\" \"app\"";

    [Test]
    public void Publish_on_the_default_branch_logs_in_builds_with_the_cache_pushes_and_reports_the_digest()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        // CI logs out at the end by default.
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version, Commands.Create, Commands.GitLabLogin, MainBuild, Commands.GitLabLogout }));
        Assert.That(run.Calls[^2].StandardInput, Is.Null);
        Assert.That(run.Calls[^2].WorkingDirectory?.FullPath, Is.EqualTo(workspace.Path), "relative paths in the command line are the workspace's");
        Assert.That(run.Output, Does.Contain($"Built registry.gitlab.example.com/group/app@{Digest}: pushed registry.gitlab.example.com/group/app:main, registry.gitlab.example.com/group/app:3f9c1e2a, registry.gitlab.example.com/group/app:latest."));
        Assert.That(run.Output, Does.Contain($"Published registry.gitlab.example.com/group/app@{Digest}"));
    }

    [Test]
    public void In_CI_a_run_of_Publish_and_Default_builds_once_since_both_push_the_same()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Publish", "--target=Default");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands.Count(command => command.StartsWith("buildx build", StringComparison.Ordinal)), Is.EqualTo(1), run.ToString);
        Assert.That(run.Output, Does.Contain("built this image already in this run"), run.ToString);
    }

    [Test]
    public void On_a_laptop_Publish_and_Default_build_twice_since_one_pushes_and_one_loads()
    {
        using var workspace = Workspace.GitClone();
        var host = new BuildxHost(workspace, Jobs.Local());

        var run = host.Run("--target=Default", "--target=Publish");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var builds = run.Commands.Where(command => command.StartsWith("buildx build", StringComparison.Ordinal)).ToList();
        Assert.That(builds, Has.Count.EqualTo(2), run.ToString);
        Assert.That(builds[0], Does.Contain("--load"));
        Assert.That(builds[1], Does.Contain("--push"));
    }

    [Test]
    public void A_feature_branch_reads_its_own_cache_then_the_default_branchs_and_writes_its_own()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            Commands.Create,
            Commands.GitLabLogin,
            "buildx build --builder \"buildx-cache\" --file \"docker/app.Dockerfile\" "
            + "--tag \"registry.gitlab.example.com/group/app:feature-jira-7-cache\" --tag \"registry.gitlab.example.com/group/app:3f9c1e2a\" "
            + Commands.Labels("Feature/JIRA-7_Cache", GitLabSource) + " "
            + "--cache-from \"type=registry,ref=registry.gitlab.example.com/group/app/cache:feature-jira-7-cache\" "
            + "--cache-from \"type=registry,ref=registry.gitlab.example.com/group/app/cache:main\" "
            + "--cache-to \"type=registry,ref=registry.gitlab.example.com/group/app/cache:feature-jira-7-cache,mode=max,ignore-error=true,compression=zstd\" "
            + "--push --metadata-file \"artifacts/buildx-metadata.json\" --progress \"plain\" \"app\"",
            Commands.GitLabLogout,
        }));
    }

    [Test]
    public void A_fork_merge_request_reads_the_cache_but_never_writes_it()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabForkMergeRequest());

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var build = run.Commands[^2];
        Assert.That(build, Does.StartWith("buildx build "));
        Assert.That(run.Commands[^1], Is.EqualTo(Commands.GitLabLogout));
        Assert.That(build, Does.Contain("--cache-from \"type=registry,ref=registry.gitlab.example.com/group/app/cache:patch-1\" --cache-from \"type=registry,ref=registry.gitlab.example.com/group/app/cache:main\" "));
        Assert.That(build, Does.Not.Contain("--cache-to"));
        Assert.That(run.Output, Does.Contain("cache to:   none (read-only"));
    }

    [Test]
    public void Publish_in_a_fork_merge_request_does_not_push_to_the_upstream_registry()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabForkMergeRequest());

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var build = run.Commands.Single(command => command.StartsWith("buildx build ", StringComparison.Ordinal));
        Assert.That(build, Does.Not.Contain("--push").And.Not.Contain("--cache-to"));
        Assert.That(build, Does.Contain(" --load "));
        Assert.That(run.Output, Does.Not.Contain("Published"), "nothing was pushed");
        Assert.That(run.Output, Does.Contain("Nothing published: the image was loaded into the local engine"));
    }

    [Test]
    public void Publish_in_a_fork_merge_request_pushes_when_told_to()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabForkMergeRequest());

        var run = host.Run("--target=Publish", "--push=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var build = run.Commands.Single(command => command.StartsWith("buildx build ", StringComparison.Ordinal));
        Assert.That(build, Does.Contain(" --push ").And.Not.Contain("--cache-to"));
    }

    [Test]
    public void Publish_on_a_laptop_pushes_unless_told_otherwise()
    {
        using var workspace = Workspace.GitClone();
        var host = new BuildxHost(workspace, Jobs.Local());

        var pushed = host.Run("--target=Publish");
        var loaded = new BuildxHost(workspace, Jobs.Local()).Run("--target=Publish", "--push=false");

        Assert.That(pushed.ExitCode, Is.Zero, pushed.ToString);
        Assert.That(pushed.Commands[^1], Does.Contain(" --push ").And.Not.Contain("--load"));
        Assert.That(loaded.ExitCode, Is.Zero, loaded.ToString);
        Assert.That(loaded.Commands[^1], Does.Contain(" --load ").And.Not.Contain("--push"));
    }

    [Test]
    public void A_local_default_build_loads_the_image_reads_the_cache_and_logs_in_nowhere()
    {
        using var workspace = Workspace.GitClone();
        workspace.Repository!.Git("checkout", "-q", "-b", "feature/local");
        var sha = workspace.Repository.Git("rev-parse", "HEAD");
        var host = new BuildxHost(workspace, Jobs.Local());

        var run = host.Run();

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            // The local default image's registry is on the loopback: the builder is on the host's network to reach it.
            Commands.Create.Replace(" --bootstrap", " --driver-opt \"network=host\" --bootstrap", StringComparison.Ordinal),
            "buildx build --builder \"buildx-cache\" --file \"docker/app.Dockerfile\" "
            + $"--tag \"localhost:5000/app:feature-local\" --tag \"localhost:5000/app:{sha[..8]}\" "
            + "--label \"org.opencontainers.image.created=2024-01-01T00:00:00Z\" --label \"org.opencontainers.image.ref.name=feature/local\" "
            + $"--label \"org.opencontainers.image.revision={sha}\" --label \"org.opencontainers.image.source=https://gitlab.example.com/group/app\" "
            + $"--label \"org.opencontainers.image.title=app\" --build-arg \"GIT_COMMIT={sha}\" "
            + "--cache-from \"type=registry,ref=localhost:5000/app/cache:feature-local\" --cache-from \"type=registry,ref=localhost:5000/app/cache:main\" "
            + "--output \"type=docker,source-date-epoch=1704067200\" --load --metadata-file \"artifacts/buildx-metadata.json\" --progress \"plain\" \"app\"",
        }));
        Assert.That(run.Output, Does.Contain("loaded into the local engine as localhost:5000/app:feature-local"));
    }

    [Test]
    public void A_failed_build_fails_the_run_and_publish_prunes_nothing_but_logout_still_runs()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", "build-fail-plain.txt");

        var run = host.Run("--target=Publish", "--prune-until=72h", "--logout=true");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version, Commands.Create, Commands.GitLabLogin,
            MainBuild,
            Commands.GitLabLogout,
        }));
        Assert.That(run.Output, Does.Contain("docker buildx build of registry.gitlab.example.com/group/app:main failed (exit code 1)"));
        Assert.That(run.Output, Does.Not.Contain("Published"));
        Assert.That(run.Output, Does.Contain("Logged out of registry.gitlab.example.com."));
    }

    [Test]
    public void A_stale_metadata_file_is_not_reported_as_this_builds_result()
    {
        using var workspace = Workspace.Plain();
        workspace.Write("artifacts/buildx-metadata.json", File.ReadAllText(Docker.Fixtures.PathOf("build-metadata.json")));
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", _ => DockerAnswer.Ok());

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Not.Contain(Digest));
        Assert.That(File.Exists(Path.Combine(workspace.Path, "artifacts", "buildx-metadata.json")), Is.False);
    }

    [Test]
    public void Logout_at_teardown_follows_a_successful_publish_for_every_registry_logged_in_to()
    {
        using var workspace = Workspace.Plain();
        var job = Jobs.With(Jobs.GitLabDefaultBranch(), ("BUILDX_CACHE_REGISTRY_PASSWORD", "cache-S3cr3t"));
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=Publish", "--logout=true", "--cache-repo=cache.example.com/group/app-cache", "--cache-registry-user=cache-bot");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands.Skip(2).Select(command => command.Split(' ')[0]), Is.EqualTo(new[] { "login", "login", "buildx", "logout", "logout" }));
        Assert.That(run.Commands.TakeLast(2), Is.EquivalentTo(new[] { Commands.GitLabLogout, "logout \"cache.example.com\"" }));
    }

    [Test]
    public void A_bare_flag_means_true()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Publish", "--logout");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands[^1], Is.EqualTo(Commands.GitLabLogout));
    }

    [Test]
    public void With_logout_false_nothing_is_logged_out_in_CI()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Publish", "--logout=false");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Has.None.StartsWith("logout"));
    }

    [Test]
    public void Publish_prunes_the_builder_after_the_build_when_prune_until_is_set()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Publish", "--prune-until=72h");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version, Commands.Create, Commands.GitLabLogin,
            MainBuild,
            "buildx prune --builder \"buildx-cache\" --all --filter \"until=72h\" --force",
            Commands.GitLabLogout,
        }));
        Assert.That(run.Output, Does.Contain("Builder buildx-cache was made ready by this run's EnsureBuilder: not asking buildx again."), "no inspect between the build and the prune");
        Assert.That(run.Output, Does.Contain("Pruned builder buildx-cache: Total:\t182.9MB"));
    }
}
