using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>dotnet new install Cake.BuildxCache.Templates</c> then <c>dotnet new buildx-cache</c> in a fresh git repository,
/// as a user adopts the module: the files it writes reference the packages packed beside it; the program kind's
/// <c>build.sh</c> builds the program once and runs it, building again only when an input changes; the script kind
/// runs with the official runner and its script cache; Plan shows the Dockerfile and context given to the template,
/// and on the real stack Publish pushes the image and its cache into the test registry.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class TemplateTests
{
    private static string Version => PackedPackages.Shared.Version;

    [Test]
    [Order(1)]
    public void The_program_kind_writes_a_build_program_on_the_packed_version_with_the_Dockerfiles_place()
    {
        var repository = TemplatedRepository.SharedProgram;

        Assert.Multiple(() =>
        {
            Assert.That(repository.Read("build/Build.csproj"), Does.Contain($"<PackageReference Include=\"Cake.BuildxCache.Hosting\" Version=\"{Version}\" />"));
            Assert.That(repository.Read("build/Program.cs"), Does.Contain("return new CakeHost().UseBuildxCache().Run(args);"));
            Assert.That(repository.Read("cake.config"), Does.Contain("\nDockerfile=image/Dockerfile\n").And.Contain("\nContext=image\n").And.Not.Contain("[Settings]"));
            Assert.That(repository.Read("nuget.config"), Does.Contain($"value=\"{PackedPackages.Shared.Feed}\""));
            Assert.That(repository.Read(".config/dotnet-tools.json"), Does.Contain("\"cake.tool\""));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(Path.Combine(repository.Path, "build.sh")).HasFlag(UnixFileMode.UserExecute), "build.sh is executable");
            }

            foreach (var file in new[] { "build.ps1", ".gitlab-ci.yml", ".github/workflows/image.yml" })
            {
                Assert.That(repository.Exists(file), file);
            }

            foreach (var file in new[] { "build.cake", "build.program.sh", "build.script.sh", "cake.program.config", "cake.script.config" })
            {
                Assert.That(repository.Exists(file), Is.False, file + " is the other kind's, or a source name");
            }
        });
    }

    [Test]
    [Order(2)]
    public void Plan_runs_from_the_built_program_with_the_templates_Dockerfile_and_context()
    {
        var repository = TemplatedRepository.SharedProgram;

        var run = repository.Run(["--target=Plan", "--image=127.0.0.1:5000/template/app"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Not.Contain(TemplatedRepository.BuildingLine), "built once, by the run before");
        var build = new PlanOutput(Lines(run)).Command("Publish", "docker buildx build");
        Assert.That(build, Does.Contain("--file \"image/Dockerfile\"").And.Contain("\"image\"    #"));
    }

    [Test]
    [Order(3)]
    public void The_bootstrapper_builds_the_program_again_only_when_one_of_its_inputs_changes()
    {
        using var repository = TemplatedRepository.SharedProgram.Copy();
        var stamp = Path.Combine(repository.Path, "build", "bin", "app", ".inputs");
        var before = File.ReadAllText(stamp);

        repository.Write("README.md", "not an input of the build program\n");
        var unchanged = repository.Run(["--target=Plan", "--image=127.0.0.1:5000/template/app"]);
        Assert.That(unchanged.ExitCode, Is.EqualTo(0), unchanged.Output);
        Assert.That(unchanged.Output, Does.Not.Contain(TemplatedRepository.BuildingLine), "a copy keeps the build; README.md is no input");

        repository.Write("build/Program.cs", repository.Read("build/Program.cs") + "// changed\n");
        var changed = repository.Run(["--target=Plan", "--image=127.0.0.1:5000/template/app"]);
        Assert.That(changed.ExitCode, Is.EqualTo(0), changed.Output);
        Assert.That(changed.Output, Does.Contain(TemplatedRepository.BuildingLine), "build/Program.cs is an input");
        Assert.That(File.ReadAllText(stamp), Is.Not.EqualTo(before), "the stamp is the new inputs'");
    }

    [Test]
    [Order(4)]
    public void The_script_kind_writes_build_cake_with_the_addin_and_runs_Plan_with_the_script_cache()
    {
        using var repository = TemplatedRepository.Create("script");

        Assert.Multiple(() =>
        {
            Assert.That(repository.Read("build.cake"), Does.StartWith($"#addin nuget:?package=Cake.BuildxCache&version={Version}\n"));
            Assert.That(repository.Read("cake.config"), Does.Contain("\nDockerfile=image/Dockerfile\n").And.Contain("[Settings]\n").And.Contain("\nEnableScriptCache=true\n"));
            Assert.That(repository.Read(".config/dotnet-tools.json"), Does.Contain("\"cake.tool\"").And.Contain("\"7.0.0\""));
            Assert.That(repository.Exists("build"), Is.False, "no build program");
            Assert.That(repository.Read("build.sh"), Does.Contain("dotnet cake build.cake"));
        });

        var run = repository.Run(["--target=Plan", "--image=127.0.0.1:5000/template/script"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        var build = new PlanOutput(Lines(run)).Command("Publish", "docker buildx build");
        Assert.That(build, Does.Contain("--file \"image/Dockerfile\"").And.Contain("\"image\"    #"));
        Assert.That(Directory.Exists(Path.Combine(repository.Path, "tools", "cakeScriptCache")) || Directory.Exists(Path.Combine(repository.Path, "tools", "cache")), "Cake kept the compiled script");
    }

    [Test]
    [Order(5)]
    [Category("RealStack")]
    public void Publish_from_the_templated_repository_pushes_the_image_and_its_cache_with_the_real_buildx()
    {
        RealStack.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        using var repository = TemplatedRepository.SharedProgram.Copy();
        repository.Write(TemplatedRepository.ImageFolder + "/Dockerfile", Workspace.Dockerfile(EndToEndSetUp.BaseImage));
        repository.Write("buildkitd.toml", $"[registry.\"{registry.Host}\"]\n  http = true\n");
        var sha = repository.Commit("build from the run's base image");
        var environment = new Dictionary<string, string?>(
            Ci.GitLab(registry.Host, "template/app", registry.User, registry.Password, sha).Branch("main", "main").Over(sandbox)
                .Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
        {
            ["GITHUB_ACTIONS"] = null,
            ["BUILDX_IMAGE"] = null,
        };

        var run = repository.Run(
            ["--target=Publish", "--builder=" + TestBuilders.NewName(), "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml"],
            environment);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Not.Contain(TemplatedRepository.BuildingLine), "the copy keeps the built program");
        Assert.That(registry.Tags("template/app"), Is.EquivalentTo(new[] { "main", sha[..8], "latest" }));
        Assert.That(registry.Tags("template/app/cache"), Is.EqualTo(new[] { "main" }));
        Assert.That(run.Output, Does.Contain($"Published {registry.Host}/template/app@{registry.Digest("template/app", "main")}"));
        var build = sandbox.DockerCalls().Single(call => call.Count > 1 && call[0] == "buildx" && call[1] == "build");
        Assert.That(build, Has.Member("image/Dockerfile").And.Member("--push"));
        Assert.That(run.Output, Does.Not.Contain(registry.Password));
    }

    private static List<string> Lines(ProcessResult run) => [.. run.Output.Split('\n').Select(line => line.TrimEnd('\r'))];
}
