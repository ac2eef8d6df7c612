using System.Diagnostics;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// Careless input that used to pass every check and fail only inside buildx (after EnsureBuilder and Login), or not at
/// all: through the real host in-process, Publish and Plan refuse each before any docker or git process starts, naming
/// the option (or the CI variable) and the fix; the values buildx 0.36 takes stay valid.
/// </summary>
public sealed class CarelessInputTests
{
    private static IEnumerable<TestCaseData> BadOptions()
    {
        static TestCaseData Case(string option, string value, string fragment, params string[] arguments) =>
            new TestCaseData(arguments, option, value, fragment).SetArgDisplayNames(string.Join(' ', arguments));

        yield return Case("provenance", "maybe", "has 'maybe', which is not key=value", "--provenance=maybe");
        yield return Case("provenance", "mode=maximum", "mode takes min or max", "--provenance=mode=maximum");
        yield return Case("sbom", "--push", "has '--push', which is not key=value", "--sbom=--push");
        yield return Case("sbom", "generator=\"a", "unclosed quote", "--sbom=generator=\"a");
        yield return Case("add-host", "a:\"1.1.1.1", "'\"1.1.1.1' is not an IP address", "--add-host=a:\"1.1.1.1");
        yield return Case("add-host", "db:10.0.0.256", "is not an IP address", "--add-host=db:10.0.0.256");
        yield return Case("ulimit", "nofile=2048:1024", "soft limit 2048 above the hard limit 1024", "--ulimit=nofile=2048:1024");
        yield return Case("ulimit", "nofile=-1:1024", "soft limit -1 (unlimited) above the hard limit 1024", "--ulimit=nofile=-1:1024");
        yield return Case("annotation", "bogus:k=v", "has the type 'bogus'", "--annotation=bogus:k=v");
        yield return Case("annotation", "manifest[linux]:k=v", "has the platform 'linux'", "--annotation=manifest[linux]:k=v");
        yield return Case("stage", "deadbeef", "is no stage of docker/app.Dockerfile: its stages are slow", "--stage=deadbeef");
        yield return Case("no-cache-filter", "nosuch", "is no stage of docker/app.Dockerfile", "--no-cache-filter=nosuch");
        yield return Case("shm-size", "99999999999999999999999PB", "is more than 1t", "--shm-size=99999999999999999999999PB");
        yield return Case("prune-max-used-space", "99999999999999999999PB", "larger than a size can be", "--prune-max-used-space=99999999999999999999PB");
        yield return Case("prune-until", "99999999999h", "longer than any duration can be (at most about 2562047h)", "--prune-until=99999999999h");
        yield return Case("buildkit-image", "Not An Image", "must not contain whitespace", "--buildkit-image=Not An Image");
        yield return Case("buildkit-image", "moby/buildkit:v0.32.2 --debug", "must not contain whitespace", "--buildkit-image=moby/buildkit:v0.32.2 --debug");
        yield return Case("driver-opt", "env.NO_PROXY=\"a,b\"", "has a quote inside the field", "--driver-opt=env.NO_PROXY=\"a,b\"");
        yield return Case("tag", "a b", "holds whitespace, which no value of it can: separate values with ',' or ';'", "--tag=a b");
        yield return Case("no-cache-filter", "a b", "holds whitespace", "--no-cache-filter=a b");
        yield return Case("platform", "linux/amd64 linux/arm64", "holds whitespace", "--platform=linux/amd64 linux/arm64");
        yield return Case("insecure-registry", "docker.io", "names Docker Hub, which is HTTPS with a trusted certificate only", "--insecure-registry=docker.io");
        yield return Case("insecure-registry", "https://registry-1.docker.io", "names Docker Hub", "--insecure-registry=https://registry-1.docker.io");
        yield return Case(
            "tag",
            "cache-feature-jira-7-cache",
            $"is a cache tag too: with --cache-repo={Jobs.GitLabImage} (the image's repository) and --cache-tag-prefix=cache-, it is the cache ref this build writes",
            "--cache-repo=" + Jobs.GitLabImage,
            "--cache-tag-prefix=cache-",
            "--tag=cache-feature-jira-7-cache");
        yield return Case(
            "tag",
            "cache-main",
            "it is where the cache of the ref slug 'main' lives",
            "--cache-repo=" + Jobs.GitLabImage,
            "--cache-tag-prefix=cache-",
            "--tag=cache-main");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Publish_refuses_it_before_any_docker_process(string[] arguments, string option, string value, string fragment)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run(["--target=Publish", .. arguments]);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain("with the buildx options; nothing was run:"));
        Assert.That(run.Output, Does.Contain($"  - {option} '{value}' (from --{option}): "), run.Output);
        Assert.That(run.Output, Does.Contain(fragment), run.Output);
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Plan_lists_it_as_a_problem_and_fails(string[] arguments, string option, string value, string fragment)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run(["--target=Plan", .. arguments]);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, run.ToString);
        Assert.That(run.Output, Does.Contain($"{option} '{value}' (from --{option}): "), run.Output);
        Assert.That(run.Output, Does.Contain(fragment), run.Output);
    }

    [Test]
    public void The_latest_tag_that_is_a_cache_tag_is_refused_naming_tag_latest()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Plan", "--cache-repo=" + Jobs.GitLabImage, "--cache-tag-prefix=la");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("tag-latest 'true'").And.Contain("gives the tag 'latest', which is a cache tag too").And.Contain("set --tag-latest=false"), run.Output);
        Assert.That(run.Calls, Is.Empty, run.ToString);
    }

    [Test]
    public void Values_buildx_takes_stay_valid()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run(
            "--target=Plan",
            "--provenance=mode=max,builder-id=https://ci.example.com/job/7",
            "--sbom=\"generator=docker/buildkit-syft-scanner:1\"",
            "--annotation=manifest[linux/amd64],index:org.opencontainers.image.vendor=Example",
            "--annotation=org.opencontainers.image.url=https://example.com",
            "--add-host=db.internal:10.0.0.5",
            "--add-host=v6=[::1]",
            "--add-host=gw:host-gateway",
            "--ulimit=nofile=1024:2048",
            "--ulimit=core=-1",
            "--ulimit=nproc=100:-1",
            "--shm-size=1 GiB",
            "--stage=SLOW",
            "--prune-max-used-space=20GB",
            "--prune-until=2562047h",
            "--buildkit-image=moby/buildkit:v0.32.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "--driver-opt=network=host",
            "--cache-repo=" + Jobs.GitLabImage,
            "--cache-tag-prefix=cache-",
            "--tag=edge,nightly");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain(":edge").And.Contain(":nightly"));
    }

    [Test]
    public void A_space_separates_nothing_a_comma_still_does()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.With(Jobs.GitLabFeatureBranch(), ("BUILDX_TAG", "one;two")));

        var run = host.Run("--target=Plan", "--platform=linux/amd64,linux/arm64");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain(":one").And.Contain(":two").And.Contain("linux/amd64,linux/arm64"));
    }

    private static IEnumerable<TestCaseData> BadCiVariables()
    {
        static TestCaseData Case(string name, Dictionary<string, string> job, string message) =>
            new TestCaseData(job, message).SetName("A bad CI value is refused: " + name);

        yield return Case(
            "a slug that is not the ref name's",
            Jobs.GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "feature"), ("CI_COMMIT_REF_NAME", "feature"), ("CI_COMMIT_REF_SLUG", "main")),
            "CI_COMMIT_REF_SLUG 'main' is not the slug of CI_COMMIT_REF_NAME 'feature', which is 'feature' (GitLab's rule: lowercased, every character outside 0-9 and a-z as '-', cut to 63, no '-' at either end)");
        yield return Case(
            "a default branch git cannot have",
            Jobs.With(Jobs.GitLabFeatureBranch(), ("CI_DEFAULT_BRANCH", "ma..in")),
            "CI_DEFAULT_BRANCH 'ma..in' is not a valid git branch name");
        yield return Case(
            "a merge request target branch git cannot have",
            Jobs.With(Jobs.GitLabMergeRequest(), ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "release/2.x:evil")),
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME 'release/2.x:evil' is not a valid git branch name");
        yield return Case(
            "a branch git cannot have",
            Jobs.GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "a~b"), ("CI_COMMIT_REF_NAME", "a~b"), ("CI_COMMIT_REF_SLUG", "a-b")),
            "CI_COMMIT_BRANCH 'a~b' is not a valid git branch name");
    }

    [TestCaseSource(nameof(BadCiVariables))]
    public void Plan_refuses_a_bad_CI_value_before_any_process(Dictionary<string, string> job, string message)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain(message), run.Output);
        Assert.That(run.Calls, Is.Empty, run.ToString);
    }

    [Test]
    public void The_slug_check_does_not_refuse_GitLabs_own_slug()
    {
        using var workspace = Workspace.Plain();
        var name = "Feature/" + new string('x', 70) + "-";
        var host = new BuildxHost(workspace, Jobs.GitLab(("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", name), ("CI_COMMIT_REF_NAME", name), ("CI_COMMIT_REF_SLUG", "feature-" + new string('x', 55))));

        var run = host.Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
    }

    [TestCase("""{ "pull_request": { "head": { "sha": "not-a-sha", "repo": { "full_name": "octo/app" } } }, "repository": { "default_branch": "main" } }""", "pull_request.head.sha in GITHUB_EVENT_PATH 'not-a-sha' is not a commit sha (4 to 64 hex digits): fix the CI variable, or pass --sha=<commit>.")]
    [TestCase("""{ "pull_request": { "head": { "sha": "3f9c1e2ab4d5e6f708192a3b4c5d6e7f80912a3b", "repo": { "full_name": "octo/app" } } }, "repository": { "default_branch": "ma in" } }""", "repository.default_branch in GITHUB_EVENT_PATH 'ma in' is not a valid git branch name")]
    public void Plan_refuses_a_bad_value_from_the_GitHub_event_payload(string payload, string message)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitHubPullRequest(workspace.Write("event.json", payload)));

        var run = host.Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain(message), run.Output);
        Assert.That(run.Calls, Is.Empty, run.ToString);
    }

    [Test]
    public void An_event_path_that_is_a_FIFO_is_refused_without_opening_it()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "FIFOs are POSIX");
        using var workspace = Workspace.Plain();
        var fifo = Path.Combine(workspace.Path, "event.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
        }

        var host = new BuildxHost(workspace, Jobs.GitHubPush(fifo));
        var plan = Task.Run(() => host.Run("--target=Plan"));
        var finished = plan.Wait(TimeSpan.FromSeconds(30));
        if (!finished)
        {
            // Release the reader the run left blocked on the pipe, so the test run can end.
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }

        Assert.That(finished, Is.True, "Plan hung reading GITHUB_EVENT_PATH");
        var run = plan.Result;
        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain($"GITHUB_EVENT_PATH '{fifo}' is empty or not a regular file (a pipe or a device is never read): point GITHUB_EVENT_PATH at the event's JSON file"), run.Output);
        Assert.That(run.Calls, Is.Empty, run.ToString);
    }

    private static IEnumerable<TestCaseData> MalformedPayloads()
    {
        yield return new TestCaseData(new Func<string, string>(path => Write(path, "{ not json")), "could not be read as an event payload").SetArgDisplayNames("not JSON");
        yield return new TestCaseData(new Func<string, string>(path => Write(path, "[1, 2, 3]")), "holds JSON that is not an object (a array)").SetArgDisplayNames("an array");
        yield return new TestCaseData(new Func<string, string>(path => Write(path, "{ \"repository\": { \"default_branch\": \"\xff\xfe\" } }", latin1: true)), "could not be read as an event payload").SetArgDisplayNames("bad UTF-8");
        yield return new TestCaseData(new Func<string, string>(path => Write(path, new string('[', 5000) + new string(']', 5000))), "could not be read as an event payload").SetArgDisplayNames("nested 5000 deep");
        yield return new TestCaseData(new Func<string, string>(path => Write(path, string.Empty)), "is empty or not a regular file").SetArgDisplayNames("empty");
        yield return new TestCaseData(new Func<string, string>(path => { Directory.CreateDirectory(path); return path; }), "is a directory").SetArgDisplayNames("a directory");
        yield return new TestCaseData(
            new Func<string, string>(path =>
            {
                using var file = File.Create(path);
                file.SetLength(26L * 1024 * 1024);
                return path;
            }),
            "holds 27262976 bytes, more than the 25 MiB GitHub caps an event payload at").SetArgDisplayNames("26 MiB");
    }

    [TestCaseSource(nameof(MalformedPayloads))]
    public void A_payload_that_is_no_event_is_a_clear_error_without_a_stack_trace(Func<string, string> create, string fragment)
    {
        using var workspace = Workspace.Plain();
        var path = create(Path.Combine(workspace.Path, "event.json"));
        var host = new BuildxHost(workspace, Jobs.GitHubPush(path));

        var run = host.Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain($"GITHUB_EVENT_PATH '{path}' ").And.Contain(fragment).And.Contain("point GITHUB_EVENT_PATH at the event's JSON file"), run.Output);
        Assert.That(run.Output, Does.Not.Match(@"\n\s+at [A-Za-z]"), "no stack trace");
        Assert.That(run.Calls, Is.Empty, run.ToString);
    }

    private static string Write(string path, string text, bool latin1 = false)
    {
        File.WriteAllBytes(path, latin1 ? System.Text.Encoding.Latin1.GetBytes(text) : System.Text.Encoding.UTF8.GetBytes(text));
        return path;
    }
}
