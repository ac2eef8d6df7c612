using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Bad inputs from every source (arguments, BUILDX_* and CI variables, cake.config, files, credentials)
/// through <c>./build.sh --target=Publish</c> in a GitLab job: each stops the run with a non-zero exit and a
/// message naming the option, before any docker command (the docker shim records none; no buildx is installed).
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class BadInputSweepTests
{
    private const string Password = "sweep-Secret-0b0e";

    private DockerSandbox _sandbox = null!;
    private Workspace _workspace = null!;

    public static IEnumerable<TestCaseData> BadInputs()
    {
        static TestCaseData Case(string option, string[] arguments, (string, string)[]? environment = null, string? config = null, string[]? unset = null) =>
            new TestCaseData(option, arguments, environment ?? [], config, unset ?? [])
                .SetArgDisplayNames(option, string.Join(' ', arguments.Concat((environment ?? []).Select(pair => pair.Item1 + "=" + pair.Item2)).Concat((unset ?? []).Select(name => "-" + name)).Append(config is null ? string.Empty : "cake.config: " + config.ReplaceLineEndings(" "))).Trim());

        // Arguments.
        yield return Case("image", ["--image=127.0.0.1:5000/Group/App"]);
        yield return Case("image", ["--image=127.0.0.1:5000/group/app:1.0"]);
        yield return Case("cache-repo", ["--cache-repo=bad repo"]);
        yield return Case("cache-tag-prefix", ["--cache-tag-prefix=-bad"]);
        yield return Case("dockerfile", ["--dockerfile=docker/Missing.Dockerfile"]);
        yield return Case("context", ["--context=no-such-dir"]);
        yield return Case("stage", ["--stage=1st stage"]);
        yield return Case("platform", ["--platform=linux"]);
        yield return Case("platform", ["--platform=linux/amd64,linux/amd64"]);
        yield return Case("builder", ["--builder=my builder"]);
        yield return Case("builder-driver", ["--builder-driver=podman"]);
        yield return Case("builder-driver", ["--builder-driver=docker"]);
        yield return Case("driver-opt", ["--driver-opt=network"]);
        yield return Case("buildkitd-config", ["--buildkitd-config=missing.toml"]);
        yield return Case("cache-mode", ["--cache-mode=all"]);
        yield return Case("cache-readonly", ["--cache-readonly=maybe"]);
        yield return Case("cache-compression", ["--cache-compression=lz4"]);
        yield return Case("push", ["--push=true", "--load=true"]);
        yield return Case("tag", ["--tag=bad tag!"]);
        yield return Case("build-arg", ["--build-arg=1X=y"]);
        yield return Case("label", ["--label=bad key=v"]);
        yield return Case("progress", ["--progress=fancy"]);
        yield return Case("sha", ["--sha=xyz"]);
        yield return Case("prune-until", ["--prune-until=3 days"]);
        yield return Case("prune-reserved-space", ["--prune-keep-storage=lots"]);
        yield return Case("prune-max-used-space", ["--prune-max-used-space=20 GiB please"]);
        yield return Case("registry", ["--registry=http://registry example"]);
        yield return Case("cache-max-age", ["--cache-max-age=99999999999h"]);

        // Environment.
        yield return Case("cache-mode", [], environment: [("BUILDX_CACHE_MODE", "huge")]);
        yield return Case("push", [], environment: [("BUILDX_PUSH", "yes please")]);
        yield return Case("platform", [], environment: [("BUILDX_PLATFORM", "linux/amd64;linux")]);
        yield return Case("tag-latest", [], environment: [("CAKE_BUILDX_TAGLATEST", "sometimes")]);
        yield return Case("image", [], unset: ["CI_REGISTRY_IMAGE"]);
        yield return Case("image", [], environment: [("CI_REGISTRY_IMAGE", "127.0.0.1:5000/UPPER/case")]);

        // cake.config.
        yield return Case("platform", [], config: "[Buildx]\nPlatform=windows\n");
        yield return Case("cache-ignore-error", [], config: "[Buildx]\nCacheIgnoreError=perhaps\n");
        yield return Case("dockerfile", [], config: "[Buildx]\nDockerfile=app/Dockerfile\n");

        // Credentials.
        yield return Case("registry-password", [], unset: ["CI_REGISTRY_PASSWORD"]);
        yield return Case("registry-user", [], unset: ["CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD"]);
        yield return Case("cache-registry-password", ["--cache-repo=127.0.0.1:6000/cache/app", "--cache-registry-user=cache-bot"]);
    }

    [OneTimeSetUp]
    public void CreateSandbox()
    {
        _sandbox = new DockerSandbox(BuildxKind.None);
        _workspace = Workspace.Create();
    }

    [OneTimeTearDown]
    public void RemoveSandbox()
    {
        _workspace?.Dispose();
        _sandbox?.Dispose();
    }

    [Test]
    public void The_sweep_covers_at_least_25_inputs_and_every_source() =>
        Assert.That(BadInputs().Count(), Is.GreaterThanOrEqualTo(25));

    [TestCaseSource(nameof(BadInputs))]
    public void A_bad_input_stops_publish_before_any_docker_command(
        string option, string[] arguments, (string Name, string Value)[] environment, string? config, string[] unset)
    {
        File.WriteAllText(_sandbox.ShimLog, string.Empty);
        var configFile = Path.Combine(_workspace.Path, "cake.config");
        if (config is not null)
        {
            File.WriteAllText(configFile, config);
        }

        try
        {
            var job = Ci.GitLab("127.0.0.1:5000", Ci.ProjectPath, "ci-user", Password, _workspace.Sha)
                .Branch("main", "main")
                .With(environment)
                .Without(unset);

            var run = BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=Publish", .. arguments]);

            Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
            // Validation lists every problem ("  - image '…' (from --image): …"); the refs resolver refuses a bad
            // --sha by itself ("Error: --sha 'xyz' is not a commit sha …"). Either way the option is named.
            var escaped = System.Text.RegularExpressions.Regex.Escape(option);
            Assert.That(
                run.Lines,
                Has.Some.Match($@"^  - {escaped}( '.*' \(from [^)]+\))?: ").Or.Some.Match($@"^Error: --{escaped} '"),
                $"no line names {option}:\n{run.Output}");
            Assert.That(run.Output, Does.Contain("with the buildx options; nothing was run").Or.Contain($"--{option} '"));
            Assert.That(run.Lines, Has.None.Contains(Password));
            Assert.That(_sandbox.DockerCalls(), Is.Empty, "a docker command ran");
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    public static IEnumerable<TestCaseData> PasswordSpellings()
    {
        const string Secret = "Leak-Me-Not-7f3a";
        yield return new TestCaseData(new[] { "--registry-password=" + Secret }, null, "registry-password").SetArgDisplayNames("--registry-password=");
        yield return new TestCaseData(new[] { "--REGISTRY-PASSWORD=" + Secret }, null, "registry-password").SetArgDisplayNames("--REGISTRY-PASSWORD=");
        yield return new TestCaseData(new[] { "--buildx_registrypassword=" + Secret }, null, "registry-password").SetArgDisplayNames("--buildx_registrypassword=");
        yield return new TestCaseData(new[] { "--Buildx_CacheRegistryPassword=" + Secret }, null, "cache-registry-password").SetArgDisplayNames("--Buildx_CacheRegistryPassword=");
        yield return new TestCaseData(Array.Empty<string>(), "[Buildx]\nRegistryPassword=" + Secret + "\n", "registry-password").SetArgDisplayNames("cake.config RegistryPassword=");
        yield return new TestCaseData(Array.Empty<string>(), "[buildx]\nregistrypassword=" + Secret + "\n", "registry-password").SetArgDisplayNames("cake.config registrypassword=");
    }

    [TestCaseSource(nameof(PasswordSpellings))]
    public void A_password_outside_the_environment_is_refused_under_every_spelling_without_echoing_it(string[] arguments, string? config, string option)
    {
        const string Secret = "Leak-Me-Not-7f3a";
        File.WriteAllText(_sandbox.ShimLog, string.Empty);
        var configFile = Path.Combine(_workspace.Path, "cake.config");
        if (config is not null)
        {
            File.WriteAllText(configFile, config);
        }

        try
        {
            var job = Ci.GitLab("127.0.0.1:5000", Ci.ProjectPath, "ci-user", Password, _workspace.Sha).Branch("main", "main");

            var run = BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=Publish", .. arguments]);

            Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
            Assert.That(run.Lines, Has.Some.Match($@"^  - {option} \(from [^)]+\): was given "), run.Output);
            Assert.That(run.Output, Does.Not.Contain(Secret));
            Assert.That(_sandbox.DockerCalls(), Is.Empty, "a docker command ran");
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    [TestCase("CI_COMMIT_SHA", "not-a-sha", "CI_COMMIT_SHA 'not-a-sha' is not a commit sha (4 to 64 hex digits): fix the CI variable, or pass --sha=<commit>.")]
    [TestCase("CI_COMMIT_REF_SLUG", "a,b=c", "CI_COMMIT_REF_SLUG 'a,b=c' is not a slug GitLab makes (only 0-9, a-z and -, as in feature-x)")]
    public void A_bad_CI_variable_stops_publish_naming_it(string variable, string value, string message)
    {
        File.WriteAllText(_sandbox.ShimLog, string.Empty);
        var job = Ci.GitLab("127.0.0.1:5000", Ci.ProjectPath, "ci-user", Password, _workspace.Sha).Branch("main", "main").With([(variable, value)]);

        var run = BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=Publish"]);

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain(message));
        Assert.That(_sandbox.DockerCalls(), Is.Empty, "a docker command ran");
    }
}
