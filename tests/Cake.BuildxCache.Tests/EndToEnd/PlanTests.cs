using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=Plan</c> in real git repositories (branch, tag, detached HEAD, with and without
/// origin/HEAD) and in GitLab and GitHub jobs simulated by their variables: the refs, cache-from/to, tags
/// and command lines it prints. Plan runs no docker command.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
public sealed class PlanTests
{
    private const string Image = "127.0.0.1:5000/group/app";
    private const string Cache = Image + "/cache";
    private const string Password = "plan-Secret-7a7b";

    private DockerSandbox _sandbox = null!;
    private Workspace _workspace = null!;

    [SetUp]
    public void SetUp()
    {
        _sandbox = new DockerSandbox(BuildxKind.None);
        _workspace = Workspace.Create();
        _workspace.Repository.Git("remote", "add", "origin", "https://gitlab.example.com/group/app.git");
        _workspace.Repository.Git("update-ref", "refs/remotes/origin/main", "HEAD");
    }

    [TearDown]
    public void TearDown()
    {
        _workspace.Dispose();
        _sandbox.Dispose();
    }

    private PlanOutput Plan(Dictionary<string, string> variables, params string[] arguments)
    {
        var run = BuildApp.Run(_workspace.Path, variables.Over(_sandbox), ["--target=Plan", .. arguments], secret: Password);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(_sandbox.DockerCalls(), Is.Empty, "Plan ran a docker command");
        Assert.That(run.Lines, Has.None.Contains(Password));
        Assert.That(run.Scan!.Leaks, Is.Empty);
        return new PlanOutput(run.Lines);
    }

    private Dictionary<string, string> GitLab() =>
        Ci.GitLab("127.0.0.1:5000", Ci.ProjectPath, "ci-user", Password, _workspace.Sha);

    private static Dictionary<string, string> Local() => new() { ["BUILDX_IMAGE"] = Image };

    [Test]
    public void Local_branch_with_origin_head_reads_the_default_branch_from_git_and_stays_read_only()
    {
        _workspace.Repository.Git("update-ref", "refs/remotes/origin/develop", "HEAD");
        _workspace.Repository.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop");
        _workspace.Repository.Git("checkout", "-q", "-b", "feature/Login-Page");

        var plan = Plan(Local());

        Assert.That(plan.Single("ci", "Refs"), Is.EqualTo("None"));
        Assert.That(plan.Single("ref", "Refs"), Is.EqualTo("branch feature/Login-Page (slug feature-login-page)"));
        Assert.That(plan.Single("default branch", "Refs"), Is.EqualTo("develop"));
        Assert.That(plan.Field("note", "Refs"), Is.Empty);
        Assert.That(plan.Single("source", "Refs"), Is.EqualTo("https://gitlab.example.com/group/app"));
        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { Image + ":feature-login-page", $"{Image}:{_workspace.ShortSha}" }));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:feature-login-page", $"type=registry,ref={Cache}:develop" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo("none (read-only): local run (set --cache-readonly=false or --push=true to write it)"));
        Assert.That(plan.Single("output"), Is.EqualTo("load (local run)"));
        Assert.That(plan.Command("BuildWithCache", "docker buildx build"), Does.Contain("--load").And.Not.Contain("--cache-to").And.Not.Contain("--push"));
        Assert.That(plan.Command("Login", "#"), Does.Contain("no credentials, login skipped"));
    }

    [Test]
    public void Local_branch_without_origin_head_assumes_main_and_says_so()
    {
        _workspace.Repository.Git("checkout", "-q", "-b", "fix-1");

        var plan = Plan(Local());

        Assert.That(plan.Single("default branch", "Refs"), Is.EqualTo("main"));
        Assert.That(plan.Single("note", "Refs"), Does.StartWith("origin/HEAD is not set: assuming the default branch is 'main'"));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:fix-1", $"type=registry,ref={Cache}:main" }));
    }

    [Test]
    public void Local_run_asked_to_push_writes_the_cache()
    {
        _workspace.Repository.Git("checkout", "-q", "-b", "fix-2");

        var plan = Plan(Local(), "--push=true");

        Assert.That(plan.Single("cache to"), Is.EqualTo($"type=registry,ref={Cache}:fix-2,mode=max,ignore-error=true,compression=zstd"));
        Assert.That(plan.Single("output"), Does.StartWith("push (push=true, "));
        Assert.That(plan.Command("BuildWithCache", "docker buildx build"),
            Does.Contain($"--cache-to \"type=registry,ref={Cache}:fix-2,mode=max,ignore-error=true,compression=zstd\"").And.Contain("--push"));
    }

    [Test]
    public void Local_tag_on_a_detached_head_is_built_as_the_tag()
    {
        _workspace.Repository.Git("checkout", "-q", "--detach");
        _workspace.Repository.Git("tag", "v1.2.0");

        var plan = Plan(Local());

        Assert.That(plan.Single("ref", "Refs"), Is.EqualTo("tag v1.2.0 (slug v1-2-0)"));
        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { $"{Image}:{_workspace.ShortSha}", Image + ":v1.2.0" }));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:v1-2-0", $"type=registry,ref={Cache}:main" }));
    }

    [Test]
    public void Local_detached_head_reads_the_default_branch_cache_only()
    {
        _workspace.Repository.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        _workspace.Repository.Git("checkout", "-q", "--detach");

        var plan = Plan(Local());

        Assert.That(plan.Single("ref", "Refs"), Is.EqualTo($"detached {_workspace.ShortSha} (slug {_workspace.ShortSha})"));
        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { $"{Image}:{_workspace.ShortSha}" }));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:main" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo("none (read-only): detached HEAD: no branch to key the cache on"));
        Assert.That(plan.Field("why"), Has.Some.Contains("detached HEAD: no branch to key the cache on"));
    }

    [Test]
    public void GitLab_default_branch_on_a_detached_checkout_writes_its_cache_and_pushes_latest()
    {
        // GitLab checks out a detached HEAD: the branch comes from the variables, not from git.
        _workspace.Repository.Git("checkout", "-q", "--detach");

        var plan = Plan(GitLab().Branch("main", "main"));

        Assert.That(plan.Single("ci", "Refs"), Is.EqualTo("GitLabCI"));
        Assert.That(plan.Single("ref", "Refs"), Is.EqualTo("branch main (slug main)"));
        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { Image + ":main", $"{Image}:{_workspace.ShortSha}", Image + ":latest" }));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:main" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo($"type=registry,ref={Cache}:main,mode=max,ignore-error=true,compression=zstd"));
        Assert.That(plan.Single("output"), Is.EqualTo("push (GitLabCI)"));
        Assert.That(plan.Single("registries"), Is.EqualTo("127.0.0.1:5000 (image, cache, as ci-user)"));
        Assert.That(plan.Command("Login", "docker login"), Is.EqualTo("docker login --username \"ci-user\" --password-stdin \"127.0.0.1:5000\"    # password on stdin"));
        Assert.That(plan.Lines, Has.Member("  registry-password = [redacted] (from CI_REGISTRY_PASSWORD)"));
    }

    [Test]
    public void GitLab_feature_branch_starts_warm_from_the_default_branch()
    {
        var plan = Plan(GitLab().Branch("feature/Cache-Me", "feature-cache-me"));

        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { Image + ":feature-cache-me", $"{Image}:{_workspace.ShortSha}" }));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:feature-cache-me", $"type=registry,ref={Cache}:main" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo($"type=registry,ref={Cache}:feature-cache-me,mode=max,ignore-error=true,compression=zstd"));
        Assert.That(plan.Command("BuildWithCache", "docker buildx build"),
            Does.Contain("--progress \"plain\"").And.Contain($"--build-arg \"GIT_COMMIT={_workspace.Sha}\"")
                .And.Contain("--label \"org.opencontainers.image.ref.name=feature/Cache-Me\""));
    }

    [Test]
    public void GitLab_merge_request_reads_branch_then_target_then_default()
    {
        var plan = Plan(GitLab().MergeRequest("topic", "topic", target: "release/2.x"));

        Assert.That(plan.Single("merge request", "Refs"), Is.EqualTo("into release/2.x"));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[]
        {
            $"type=registry,ref={Cache}:topic", $"type=registry,ref={Cache}:release-2-x", $"type=registry,ref={Cache}:main",
        }));
        Assert.That(plan.Single("cache to"), Is.EqualTo($"type=registry,ref={Cache}:topic,mode=max,ignore-error=true,compression=zstd"));
    }

    [Test]
    public void GitLab_fork_merge_request_reads_the_cache_but_never_writes_or_pushes()
    {
        var plan = Plan(GitLab().MergeRequest("patch-1", "patch-1", target: "main", fork: true));

        Assert.That(plan.Single("merge request", "Refs"), Is.EqualTo("into main from a fork"));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:patch-1", $"type=registry,ref={Cache}:main" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo("none (read-only): fork merge request"));
        Assert.That(plan.Single("output"), Is.Not.EqualTo("push"));
        Assert.That(plan.Command("BuildWithCache", "docker buildx build"), Does.Not.Contain("--push").And.Not.Contain("--cache-to"));
    }

    [Test]
    public void GitLab_tag_pipeline_tags_the_image_with_the_git_tag()
    {
        _workspace.Repository.Git("tag", "v2.0.0");

        var plan = Plan(GitLab().Tag("v2.0.0", "v2-0-0"));

        Assert.That(plan.Single("ref", "Refs"), Is.EqualTo("tag v2.0.0 (slug v2-0-0)"));
        Assert.That(plan.Field("tags"), Has.Member(Image + ":v2.0.0").And.Member($"{Image}:{_workspace.ShortSha}").And.No.Member(Image + ":latest"));
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { $"type=registry,ref={Cache}:v2-0-0", $"type=registry,ref={Cache}:main" }));
    }

    [Test]
    public void GitHub_push_to_the_default_branch_reads_the_default_branch_from_the_event()
    {
        var payload = _workspace.Write("event.json", """{"repository":{"default_branch":"trunk","full_name":"org/app"}}""");
        var job = Ci.GitHub(_workspace.Sha, "push", payload, Password)
            .With(("GITHUB_REF", "refs/heads/trunk"), ("GITHUB_REF_NAME", "trunk"), ("GITHUB_REF_TYPE", "branch"));

        var plan = Plan(job, "--image=ghcr.io/org/app");

        Assert.That(plan.Single("ci", "Refs"), Is.EqualTo("GitHubActions"));
        Assert.That(plan.Single("default branch", "Refs"), Is.EqualTo("trunk"));
        Assert.That(plan.Single("source", "Refs"), Is.EqualTo("https://github.com/org/app"));
        Assert.That(plan.Field("tags"), Is.EqualTo(new[] { "ghcr.io/org/app:trunk", $"ghcr.io/org/app:{_workspace.ShortSha}", "ghcr.io/org/app:latest" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo("type=registry,ref=ghcr.io/org/app/cache:trunk,mode=max,ignore-error=true,compression=zstd"));
        Assert.That(plan.Lines, Has.Member("  registry-password = [redacted] (from BUILDX_REGISTRY_PASSWORD)"));
    }

    [Test]
    public void GitHub_pull_request_uses_the_head_branch_and_the_base_branch_cache()
    {
        var payload = _workspace.Write("event.json", $$"""
            {"repository":{"default_branch":"main","full_name":"org/app"},
             "pull_request":{"head":{"sha":"{{_workspace.Sha}}","ref":"feat/x","repo":{"full_name":"org/app"} },
                             "base":{"ref":"main","repo":{"full_name":"org/app"} } } }
            """);
        var job = Ci.GitHub(new string('e', 40), "pull_request", payload, Password).With(
            ("GITHUB_REF", "refs/pull/12/merge"), ("GITHUB_REF_NAME", "12/merge"), ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_HEAD_REF", "feat/x"), ("GITHUB_BASE_REF", "main"));

        var plan = Plan(job, "--image=ghcr.io/org/app");

        Assert.That(plan.Single("ref", "Refs"), Is.EqualTo("branch feat/x (slug feat-x)"));
        Assert.That(plan.Single("commit", "Refs"), Does.StartWith(_workspace.Sha), "the head commit, not the merge commit");
        Assert.That(plan.Field("cache from"), Is.EqualTo(new[] { "type=registry,ref=ghcr.io/org/app/cache:feat-x", "type=registry,ref=ghcr.io/org/app/cache:main" }));
        Assert.That(plan.Single("cache to"), Is.EqualTo("type=registry,ref=ghcr.io/org/app/cache:feat-x,mode=max,ignore-error=true,compression=zstd"));
    }
}
