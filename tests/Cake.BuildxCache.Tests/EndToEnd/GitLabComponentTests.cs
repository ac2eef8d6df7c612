using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The GitLab CI/CD component <c>templates/buildx-cache.yml</c> run by <c>gitlab-ci-local</c> with its shell executor in
/// a repository set up by <c>dotnet new buildx-cache</c>, against the rig's TLS endpoint (what GitLab's dind service
/// is) and the test registry. GitLab's <c>include: component:</c> fetches the file from a GitLab instance, which
/// gitlab-ci-local cannot do offline; the pipeline includes the same file with <c>include: local:</c> and the same
/// <c>inputs:</c>, which GitLab and gitlab-ci-local render alike (the <c>spec:</c> header read, each
/// <c>$[[ inputs.x ]]</c> substituted). With the shell executor the job's <c>image:</c> does not apply; gitlab-ci-local
/// still starts <c>services:</c> with docker, and Docker Hub's dind image is out of reach here, so the pipeline
/// merges <c>services: []</c> into the job (GitLab merges a job defined again after an include the same way): the
/// rig's TLS endpoint is the dind service. The project's variables (a variables file, as GitLab's CI/CD settings)
/// give the registry's credentials, the builder, and <c>GITLAB_CI=true</c>, which GitLab sets and gitlab-ci-local sets
/// false; the rig's endpoint for <c>tcp://docker:2376</c> (<c>DOCKER_HOST</c>, <c>DOCKER_CERT_PATH</c>) comes as
/// pipeline variables on gitlab-ci-local's command line.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
[Category("RealStack")]
public sealed class GitLabComponentTests
{
    private const string PublishJob = "buildx-cache-publish";
    private const string PlanJob = "buildx-cache-plan";

    [Test]
    public void The_components_job_runs_Plans_build_command_with_the_inputs_as_options()
    {
        RealStack.RequireTlsEndpoint();
        CiTools.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        var image = registry.Host + "/component/app";
        using var repository = TemplatedRepository.SharedProgram.Copy();
        repository.Write(TemplatedRepository.ImageFolder + "/Dockerfile", Workspace.Dockerfile(EndToEndSetUp.BaseImage));
        repository.Write("buildkitd.toml", $"[registry.\"{registry.Host}\"]\n  http = true\n");
        repository.Write("templates/buildx-cache.yml", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "templates", "buildx-cache.yml")));
        repository.Write(".gitlab-ci.yml", $$"""
            include:
              - local: templates/buildx-cache.yml
                inputs:
                  image: {{image}}
                  dockerfile: {{TemplatedRepository.ImageFolder}}/Dockerfile
                  context: {{TemplatedRepository.ImageFolder}}
                  push: "true"

            # The component's job with Plan for its command: the same variables, so the same options.
            {{PlanJob}}:
              extends: {{PublishJob}}
              script:
                - ./build.sh --target=Plan --no-report

            # The rig's endpoint stands for the dind service (see the class comment).
            {{PublishJob}}:
              services: []

            """);
        repository.Commit("the component, included with its inputs");
        // The project's CI/CD variables (not committed): the registry's credentials, the dind endpoint, the builder.
        repository.Write(".gitlab-ci-local-variables.yml", $"""
            GITLAB_CI: "true"
            CI_REGISTRY: "{registry.Host}"
            CI_REGISTRY_USER: "{registry.User}"
            CI_REGISTRY_PASSWORD: "{registry.Password}"
            BUILDX_BUILDER: "{TestBuilders.NewName()}"
            BUILDX_DRIVER_OPT: network=host
            BUILDX_BUILDKITD_CONFIG: buildkitd.toml

            """);

        var plan = RunJob(repository, sandbox, PlanJob);
        var planLines = CiTools.JobOutput(plan.Output, PlanJob);
        var publish = RunJob(repository, sandbox, PublishJob);

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Output);
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.Output);
        var executed = PlannedCommands.AssertPlannedBuildRan(planLines, sandbox.DockerCalls(), "the job");
        Assert.Multiple(() =>
        {
            Assert.That(planLines, Has.Member($"  image = {image} (from BUILDX_IMAGE)"));
            Assert.That(planLines, Has.Member("  dockerfile = image/Dockerfile (from BUILDX_DOCKERFILE)"));
            Assert.That(planLines, Has.Member("  context = image (from BUILDX_CONTEXT)"));
            Assert.That(planLines, Has.Member("  push = true (from BUILDX_PUSH)"));
            Assert.That(executed, Has.Member("image/Dockerfile").And.Member("--push").And.Member(image + ":main"));
            Assert.That(executed[^1], Is.EqualTo("image"), "the context");
            Assert.That(registry.Tags("component/app"), Has.Member("main"), "pushed");
            Assert.That(registry.Tags("component/app/cache"), Is.EqualTo(new[] { "main" }));
            Assert.That(publish.Output, Does.Not.Contain(registry.Password));
        });
    }

    private static ProcessResult RunJob(TemplatedRepository repository, DockerSandbox sandbox, string job)
    {
        var environment = sandbox.Environment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        environment["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder;
        foreach (var name in new[] { "CI", "GITLAB_CI", "GITHUB_ACTIONS", "BUILDX_IMAGE" })
        {
            environment[name] = null;
        }

        return ProcessRunner.Run(
            CiTools.GitLabCiLocal,
            ["--force-shell-executor", "--json-schema-validation=false", "--ignore-predefined-vars", "GITLAB_CI,CI_REGISTRY,CI_REGISTRY_USER,CI_REGISTRY_PASSWORD",
                // On the command line: gitlab-ci-local takes a variables file's value that names an existing path for a file variable.
                "--variable", "DOCKER_HOST=tcp://127.0.0.1:2376", "--variable", "DOCKER_CERT_PATH=" + RealStack.TlsCertPath, job],
            repository.Path,
            environment,
            TimeSpan.FromMinutes(10));
    }
}
