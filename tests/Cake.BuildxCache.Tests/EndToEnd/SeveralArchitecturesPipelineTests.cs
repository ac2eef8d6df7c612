using System.Text;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The GitLab layout of docs/several-architectures.md (<c>examples/several-architectures/.gitlab-ci.yml</c>) run as a
/// pipeline by <c>gitlab-ci-local</c> with its shell executor and <c>--shell-isolation</c>: each job in a copy of the
/// repository's tracked files (a fresh checkout), the fan-out jobs of the <c>parallel: matrix</c> first, then Merge,
/// which gets their <c>artifacts/</c> only as GitLab hands them on (stages, <c>needs</c>, <c>artifacts: paths</c>,
/// the dotenv report). Against the rig's TLS endpoint (what the dind service is) and the test registry.
/// What this machine cannot give is changed, and only that: it builds no <c>linux/arm64</c> (no emulation here), so
/// the file's <c>linux/arm64</c> reads <c>linux/386</c>, native on x86_64; the file is included with
/// <c>include: local:</c> and <c>.docker</c> is merged with <c>services: []</c>, the rig's endpoint standing for
/// the dind service (as in <see cref="GitLabComponentTests"/>); with the shell executor, <c>image:</c> and the runner
/// <c>tags:</c> do not apply. The project's variables (a variables file) give the registry, its credentials and
/// <c>CI_REGISTRY_IMAGE</c>, a builder per job (a fresh runner each) and <c>GITLAB_CI=true</c>.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
[Category("RealStack")]
public sealed class SeveralArchitecturesPipelineTests
{
    /// <summary>The layout as users copy it, from the repository.</summary>
    public const string LayoutFile = "examples/several-architectures/.gitlab-ci.yml";

    private const string Project = "layout/app";

    [Test]
    public void The_fan_out_jobs_then_merge_give_one_index_with_both_platforms_under_the_tags()
    {
        RealStack.RequireTlsEndpoint();
        CiTools.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        using var repository = TemplatedRepository.SharedProgram.Copy();
        var layout = File.ReadAllText(Path.Combine(RepositoryRoot.Path, LayoutFile));
        Assert.That(layout, Does.Contain("linux/arm64"), "the layout's second platform, read as linux/386 here");
        repository.Write(TemplatedRepository.ImageFolder + "/Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImageWithHistory));
        repository.Write("buildkitd.toml", $"[registry.\"{registry.Host}\"]\n  http = true\n");
        repository.Write("several-architectures.yml", layout.Replace("linux/arm64", "linux/386", StringComparison.Ordinal));
        repository.Write(".gitlab-ci.yml", """
            include:
              - local: several-architectures.yml

            # The rig's endpoint stands for the dind service (see the class comment).
            .docker:
              services: []

            """);
        var sha = repository.Commit("the several-architectures layout");
        repository.Write(".gitlab-ci-local-variables.yml", $"""
            GITLAB_CI: "true"
            CI_REGISTRY: "{registry.Host}"
            CI_REGISTRY_IMAGE: "{registry.Host}/{Project}"
            CI_REGISTRY_USER: "{registry.User}"
            CI_REGISTRY_PASSWORD: "{registry.Password}"
            BUILDX_BUILDER: "{TestBuilders.NewName()}-$CI_JOB_ID"
            BUILDX_DRIVER_OPT: network=host
            BUILDX_BUILDKITD_CONFIG: buildkitd.toml

            """);

        var pipeline = RunPipeline(repository, sandbox);

        Assert.That(pipeline.ExitCode, Is.EqualTo(0), pipeline.Output);
        var merge = CiTools.JobOutput(pipeline.Output, "merge");
        var tags = new[] { "main", sha[..8], "latest" };
        Assert.That(registry.Tags(Project), Is.EquivalentTo(tags), pipeline.Output);
        var index = registry.Digest(Project, "main")!;
        Assert.That(tags.Select(tag => registry.Digest(Project, tag)), Is.All.EqualTo(index), "every tag at one index");
        var identity = ImageIdentity.Parse(index, Encoding.UTF8.GetBytes(registry.Manifest(Project, index)!));
        Assert.That(identity.Platforms.Select(pair => pair.Key), Is.EquivalentTo(new[] { "linux/amd64", "linux/386" }), registry.Manifest(Project, index));
        Assert.That(merge, Has.Some.Contains($"Merged {registry.Host}/{Project}@{index}"), string.Join('\n', merge));
        foreach (var platform in new[] { "linux-amd64", "linux-386" })
        {
            Assert.That(merge, Has.Some.Contains($"artifacts/fan-out-{platform}.json"), "Merge read the hand-off of " + platform);
            Assert.That(registry.Tags(Project + "/cache"), Has.Member("main-" + platform), "the cache of " + platform + " in its scope");
        }

        Assert.That(pipeline.Output, Does.Not.Contain(registry.Password));
    }

    /// <summary>The whole pipeline, as <c>gitlab-ci-local</c> runs it without a job named: every stage, in order.</summary>
    private static ProcessResult RunPipeline(TemplatedRepository repository, DockerSandbox sandbox)
    {
        var environment = sandbox.Environment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        environment["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder;
        foreach (var name in new[] { "CI", "GITLAB_CI", "GITHUB_ACTIONS", "BUILDX_IMAGE" })
        {
            environment[name] = null;
        }

        return ProcessRunner.Run(
            CiTools.GitLabCiLocal,
            ["--force-shell-executor", "--shell-isolation", "--artifacts-to-source=false", "--json-schema-validation=false",
                "--ignore-predefined-vars", "GITLAB_CI,CI_REGISTRY,CI_REGISTRY_IMAGE,CI_REGISTRY_USER,CI_REGISTRY_PASSWORD",
                "--variable", "DOCKER_HOST=tcp://127.0.0.1:2376", "--variable", "DOCKER_CERT_PATH=" + RealStack.TlsCertPath],
            repository.Path,
            environment,
            TimeSpan.FromMinutes(15));
    }
}
