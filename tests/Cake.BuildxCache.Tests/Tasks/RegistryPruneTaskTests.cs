using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Support.Registry;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// <c>PruneCache --prune-registry</c> through the real host in-process, against a real registry (delete enabled;
/// one test with delete disabled): <c>git ls-remote</c> is answered by the scripted process runner, the cache tags
/// are pushed over the registry API, and what is left is read back from the registry.
/// </summary>
[TestFixture]
[Category("Registry")]
[NonParallelizable]
public sealed class RegistryPruneTaskTests : RealRegistryTests
{
    private const string LsRemote = "ls-remote --heads origin";

    private static readonly string[] LiveHeads =
    [
        "0123456789abcdef0123456789abcdef01234567\trefs/heads/main",
        "1123456789abcdef0123456789abcdef01234567\trefs/heads/feature/live",
        "2123456789abcdef0123456789abcdef01234567\trefs/heads/release/1.0",
    ];

    private string project = null!;

    private string CacheRepo => project + "/cache";

    [SetUp]
    public void NewProject() => project = "group/app-" + Guid.NewGuid().ToString("N")[..8];

    [Test]
    public void A_dry_run_asks_git_for_the_branches_lists_every_cache_tag_with_sizes_and_deletes_nothing()
    {
        Seed(CacheRepo);
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server);
        host.Docker.On("^ls-remote ", _ => DockerAnswer.Ok(LiveHeads));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-max-age=720h");

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { LsRemote }), "git ls-remote only: no docker command");
        Assert.That(run.Calls[0].ToolPath.FullPath, Is.EqualTo(workspace.GitPath));
        Assert.That(run.Calls[0].WorkingDirectory?.FullPath, Is.EqualTo(workspace.Path));
        Assert.That(run.Output, Does.Contain("registry prune: 3 live branches from git ls-remote --heads origin: main, feature/live, release/1.0"));
        Assert.That(run.Output, Does.Contain($"registry cache prune: {Server.Host}/{CacheRepo} (dry run, nothing is deleted; --confirm deletes)"));
        Assert.That(Lines(run), Has.Some.Match(@"^  would delete\s+feature-gone\s+\d+\.\d KiB\s+>=\d{4}-\d\d-\d\d \d\d:\d\dZ\s+no branch has the slug 'feature-gone'$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  would delete\s+release-1-0\s+\d+\.\d KiB .*written 40d ago, more than the max age 30d$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  keep\s+main\s+.*the default branch's cache$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  keep\s+feature-live\s+.*the branch exists"));
        Assert.That(Lines(run), Has.Some.Match(@"^  keep\s+feature-just-merged\s+.*within 1h\)$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  would delete 2 of 5 cache tags \(2 manifests\), \d+\.\d KiB \(\d+\.\d KiB in blobs no kept cache tag uses"));
        Assert.That(run.Output, Does.Contain("registry prune: dry run, nothing was deleted; add --confirm to delete."));
        Assert.That(Server.Tags(CacheRepo), Has.Count.EqualTo(5));
        Assert.That(run.Output, Does.Not.Contain(Server.Password));
    }

    [Test]
    public void Confirm_deletes_the_caches_of_gone_branches_and_old_ones_and_keeps_the_rest()
    {
        Seed(CacheRepo);
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server);
        host.Docker.On("^ls-remote ", _ => DockerAnswer.Ok(LiveHeads));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-max-age=720h", "--confirm");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(Lines(run), Has.Some.Match(@"^  delete\s+feature-gone\s"));
        Assert.That(Lines(run), Has.Some.Match(@"^  deleted feature-gone \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  deleted release-1-0 \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(run.Output, Does.Contain($"registry prune: deleted 2 manifests from {Server.Host}/{CacheRepo}; the registry frees their blobs in its garbage collection."));
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(new[] { "feature-just-merged", "feature-live", "main" }));
    }

    [Test]
    public void Live_branches_given_as_an_option_replace_git_and_the_default_branch_always_counts()
    {
        Seed(CacheRepo);
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--live-branches=feature/live", "--confirm");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, "no git, no docker");
        Assert.That(run.Output, Does.Contain("registry prune: 2 live branches from --live-branches and the default branch: feature/live, main"));
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(new[] { "feature-just-merged", "feature-live", "main" }), "release/1.0 is not in the list: its cache went");
    }

    [Test]
    public void The_registry_prune_needs_no_dockerfile()
    {
        Seed(CacheRepo);
        using var workspace = Workspace.Plain();
        File.Delete(System.IO.Path.Combine(workspace.Path, Workspace.Dockerfile));
        var host = Host(workspace, Server);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--live-branches=feature/live,release/1.0");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(Lines(run), Has.Some.Match(@"^  would delete\s+feature-gone\s"));
    }

    [Test]
    public void A_failing_git_ls_remote_is_a_warning_without_the_remotes_credentials_and_only_the_age_rule_applies()
    {
        Seed(CacheRepo);
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server);
        host.Docker.On("^ls-remote ", _ => DockerAnswer.Fail(128, $"fatal: unable to access 'https://gitlab-ci-token:{Jobs.GitLabPassword}@gitlab.example.com/group/app.git/': Could not resolve host: gitlab.example.com"));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-max-age=720h", "--confirm");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("registry prune: git ls-remote --heads origin failed (exit code 128: fatal: unable to access 'https://[redacted]@gitlab.example.com/group/app.git/': Could not resolve host: gitlab.example.com), so the live branches are unknown"));
        Assert.That(run.Output, Does.Not.Contain(Jobs.GitLabPassword));
        Assert.That(run.Output, Does.Contain("note: no list of live branches: no cache is deleted for its branch being gone"));
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(new[] { "feature-gone", "feature-just-merged", "feature-live", "main" }), "only the 40-day-old release-1-0 went");
    }

    [Test]
    public void An_unreachable_registry_fails_the_run_naming_it()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server, host: "127.0.0.1:" + RegistryServer.FreePort());

        var run = host.Run("--target=PruneCache", "--prune-registry", "--live-branches=main");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Match(@"registry prune of 127\.0\.0\.1:\d+/group/app-[0-9a-f]{8}/cache failed, nothing was deleted: .*127\.0\.0\.1:\d+"));
    }

    [Test]
    public void Wrong_credentials_fail_the_run_without_showing_them()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server, password: "not-the-password-123");

        var run = host.Run("--target=PruneCache", "--prune-registry", "--live-branches=main");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("failed, nothing was deleted").And.Contain("refused"));
        Assert.That(run.Output, Does.Not.Contain("not-the-password-123"));
    }

    [Test]
    public void A_registry_that_does_not_allow_deletes_fails_the_run_after_the_listing()
    {
        using var readOnly = RegistryServer.Start(deleteEnabled: false);
        using var pusher = new RegistryContent(readOnly);
        var now = DateTimeOffset.UtcNow;
        pusher.PushCacheIndexAsync(CacheRepo, "main", [now.AddDays(-1)]).GetAwaiter().GetResult();
        pusher.PushCacheIndexAsync(CacheRepo, "feature-gone", [now.AddDays(-2)]).GetAwaiter().GetResult();
        using var workspace = Workspace.Plain();
        var host = Host(workspace, readOnly);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--live-branches=main", "--confirm");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(Lines(run), Has.Some.Match(@"^  delete\s+feature-gone\s"));
        Assert.That(run.Output, Does.Contain("registry prune of " + readOnly.Host + "/" + CacheRepo + ": 1 problem (0 manifests deleted): could not delete feature-gone"));
        Assert.That(run.Output, Does.Contain("does not allow deleting manifests").And.Contain("storage.delete.enabled"));
        Assert.That(readOnly.Tags(CacheRepo), Is.EqualTo(new[] { "feature-gone", "main" }));
    }

    [Test]
    public void The_registry_only_options_without_prune_registry_are_refused_before_the_builder_is_touched()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;

        var run = host.Run("--target=PruneCache", "--confirm", "--cache-max-age=168h");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("confirm (from --confirm), cache-max-age (from --cache-max-age) only apply to the registry prune: add --prune-registry (or drop them to prune the builder); nothing was pruned"));
    }

    [Test]
    public void A_bad_max_age_stops_the_prune_before_anything_runs()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-max-age=7d");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("cache-max-age '7d' (from --cache-max-age): uses days, which durations here do not have: write 168h for 7d"));
    }

    [Test]
    public void Plan_says_what_the_registry_prune_would_do_without_running_anything()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Plan", "--prune-registry", "--cache-max-age=168h", "--cache-tag-prefix=cache-", "--cache-repo=" + Jobs.GitLabImage);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, "no git, no docker, no registry");
        Assert.That(run.Output, Does.Contain($"""
              PruneCache:
                registry prune: dry run of {Jobs.GitLabImage} (add --confirm to delete)
                  keeps:   the default branch's cache (cache-main; cache-main-<scope> unless older than the max age) and any cache written in the last 1h; tags not starting 'cache-' are never touched
                  deletes: caches of branches missing from `git ls-remote --heads origin`; caches whose record says they were written more than 168h ago (--cache-max-age)
                  git ls-remote --heads origin    # the live branches
            """.ReplaceLineEndings("\n")));
        Assert.That(run.Output, Does.Not.Contain("docker buildx prune"), "PruneCache prunes the registry, and Publish has no prune limit");
    }

    [Test]
    public void Plan_with_confirm_and_a_prune_limit_shows_the_deletion_and_the_builder_prune_after_publish()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Plan", "--prune-registry", "--confirm", "--live-branches=main,feature/x", "--prune-until=24h");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain($"""
              PruneCache:
                registry prune: deletes stale cache tags from {Jobs.GitLabImage}/cache (--confirm)
                  keeps:   the default branch's cache (main, main-<scope>) and any cache written in the last 1h
                  deletes: caches of branches other than main, feature/x (--live-branches)
              Publish, after the build:
                docker buildx inspect "buildx-cache"    # unless this run's EnsureBuilder made the builder ready
                docker buildx prune --builder "buildx-cache" --all --filter "until=24h" --force    # when the builder exists
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Without_CI_DEFAULT_BRANCH_the_remote_names_the_default_branch_and_its_cache_stays()
    {
        var now = DateTimeOffset.UtcNow;
        Task.WaitAll(
            Content.PushCapturedAsync(CacheRepo, "master", "cache-manifest", now.AddDays(-60)),
            Content.PushCapturedAsync(CacheRepo, "feature-gone", "cache-manifest", now.AddDays(-60)));
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server, defaultBranch: null);
        host.Docker.On("^ls-remote --heads ", _ => DockerAnswer.Ok("0123456789abcdef0123456789abcdef01234567\trefs/heads/master"));
        host.Docker.On("^ls-remote --symref origin HEAD$", _ => DockerAnswer.Ok("ref: refs/heads/master\tHEAD", "0123456789abcdef0123456789abcdef01234567\tHEAD"));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-max-age=720h", "--confirm");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("registry prune: the default branch is 'master' (git ls-remote --symref origin HEAD)"));
        Assert.That(Lines(run), Has.Some.Match(@"^  keep\s+master\s+.*the default branch's cache$"));
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(new[] { "master" }));
    }

    [Test]
    public void A_default_branch_that_is_only_guessed_deletes_nothing_by_age_or_branch_and_says_why()
    {
        var now = DateTimeOffset.UtcNow;
        Task.WaitAll(
            Content.PushCapturedAsync(CacheRepo, "master", "cache-manifest", now.AddDays(-60)),
            Content.PushCapturedAsync(CacheRepo, "feature-gone", "cache-manifest", now.AddDays(-60)));
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server, defaultBranch: null);
        host.Docker.On("^ls-remote ", _ => DockerAnswer.Fail(128, "fatal: 'origin' does not appear to be a git repository"));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-max-age=720h", "--live-branches=feature/x", "--confirm");

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("note: nothing is deleted: the default branch is only assumed to be 'main': CI did not name it, --default-branch is not given, and `git ls-remote --symref origin HEAD` could not tell (exit code 128: fatal: 'origin' does not appear to be a git repository)"));
        Assert.That(Lines(run), Has.Some.Match(@"^  keep\s+master\s+.*but nothing is deleted: the default branch is only assumed to be 'main'$"));
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(new[] { "feature-gone", "master" }));
    }

    [Test]
    public void A_branch_that_starts_with_the_cache_tag_prefix_in_the_image_repository_is_refused_naming_it_and_the_fix()
    {
        var now = DateTimeOffset.UtcNow;
        var image = $"{Server.Host}/{project}";
        Task.WaitAll(
            Content.PushCapturedAsync(project, "cache-main", "cache-manifest", now.AddDays(-3)),
            Content.PushCapturedAsync(project, "cache-demo", "image-index", now.AddDays(-3)));
        using var workspace = Workspace.Plain();
        var host = Host(workspace, Server);
        host.Docker.On("^ls-remote --heads ", _ => DockerAnswer.Ok(
            "0123456789abcdef0123456789abcdef01234567\trefs/heads/main",
            "1123456789abcdef0123456789abcdef01234567\trefs/heads/cache-demo"));
        host.Docker.On("^ls-remote --tags ", _ => DockerAnswer.Ok());

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-repo=" + image, "--cache-tag-prefix=cache-", "--confirm");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("registry prune refused, nothing was deleted: the ref 'cache-demo' starts with the cache tag prefix 'cache-'"));
        Assert.That(run.Output, Does.Contain($"--cache-repo={image}/cache"));
        Assert.That(Server.Tags(project), Is.EqualTo(new[] { "cache-demo", "cache-main" }));
    }

    [Test]
    public void Building_a_branch_that_starts_with_the_cache_tag_prefix_in_the_image_repository_is_refused_up_front()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.With(Jobs.GitLabFeatureBranch(), ("CI_COMMIT_BRANCH", "cache-demo"), ("CI_COMMIT_REF_NAME", "cache-demo"), ("CI_COMMIT_REF_SLUG", "cache-demo")));

        var run = host.Run("--target=Plan", "--cache-repo=" + Jobs.GitLabImage, "--cache-tag-prefix=cache-");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("cache-tag-prefix 'cache-' (from --cache-tag-prefix): the ref 'cache-demo' starts with the cache tag prefix 'cache-'"));
        Assert.That(run.Calls, Is.Empty);
    }

    private static IReadOnlyList<string> Lines(BuildxRunResult run) => run.Output.ReplaceLineEndings("\n").Split('\n');

    private BuildxHost Host(Workspace workspace, RegistryServer registry, string? host = null, string? password = null, string? defaultBranch = "main")
    {
        var registryHost = host ?? registry.Host;
        var job = Jobs.GitLabDefaultBranch();
        if (defaultBranch is null)
        {
            job.Remove("CI_DEFAULT_BRANCH");
        }

        return new BuildxHost(workspace, Jobs.With(
            job,
            ("CI_REGISTRY", registryHost),
            ("CI_REGISTRY_IMAGE", registryHost + "/" + project),
            ("CI_REGISTRY_USER", registry.User),
            ("CI_REGISTRY_PASSWORD", password ?? registry.Password),
            ("DOCKER_CONFIG", System.IO.Path.Combine(workspace.Path, "docker-config"))));
    }

    private void Seed(string repository)
    {
        var now = DateTimeOffset.UtcNow;
        Task.WaitAll(
            Content.PushCacheIndexAsync(repository, "main", [now.AddDays(-60)]),                      // default branch: kept however old
            Content.PushCacheIndexAsync(repository, "feature-live", [now.AddDays(-2)]),               // live branch
            Content.PushCacheIndexAsync(repository, "feature-gone", [now.AddDays(-3)]),               // branch deleted
            Content.PushCacheIndexAsync(repository, "feature-just-merged", [now.AddMinutes(-10)]),    // branch deleted 10 minutes after its last build
            Content.PushCacheManifestAsync(repository, "release-1-0", [now.AddDays(-40)]));           // live branch, older than 30 days
        // Age is what the record says: release-1-0 was last written 40 days ago.
        Content.RecordAsync(repository, "release-1-0", CacheRecord.Of(new string('a', 40)).WithWritten(now.AddDays(-40))).GetAwaiter().GetResult();
    }
}
