using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Publish from the repository's own <c>docker-bake.hcl</c> on the real buildx and BuildKit: two targets over one
/// Dockerfile with a shared stage whose RUN does real work, each target's RUN reading a build secret. The module adds
/// its cache, tags, output and the secret through a generated override (<c>-f docker-bake.hcl -f override.json</c>),
/// never editing the file. A fresh runner is a removed builder: every step reported cached then came from the registry.
/// </summary>
public sealed class BakeFileBuildTests() : RealStackFixture("bakefile")
{
    private const string SecretVariable = "BAKE_FILE_TOKEN";
    private const string SecretValue = "bake-secret-7d21c0e4";

    private string BakeFile => $$"""
        group "default" {
          targets = ["api", "worker"]
        }

        target "api" {
          target = "api"
          tags = ["{{Scene.Image}}/api:dev"]
        }

        target "worker" {
          target = "worker"
          tags = ["{{Scene.Image}}/worker:dev"]
        }

        """;

    // required=true: a target the secret does not reach fails its RUN.
    private static string Dockerfile(string from) => $"""
        FROM {from} AS shared
        COPY shared/ /shared/
        RUN i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; cat /shared/* > /shared.out

        FROM shared AS api
        COPY api/ /api/
        RUN --mount=type=secret,id=token,required=true sha256sum /run/secrets/token > /api.token; cat /shared.out /api/* > /api.out

        FROM shared AS worker
        COPY worker/ /worker/
        RUN --mount=type=secret,id=token,required=true sha256sum /run/secrets/token > /worker.token; cat /shared.out /worker/* > /worker.out

        """;

    private string Prepare()
    {
        Scene.Workspace.Write("Dockerfile", Dockerfile(EndToEndSetUp.BaseImage));
        Scene.Workspace.Write("docker-bake.hcl", BakeFile);
        Scene.Workspace.Write("shared/lib.txt", "shared library\n");
        Scene.Workspace.Write("api/app.txt", "api one\n");
        Scene.Workspace.Write("worker/app.txt", "worker one\n");
        var repository = Scene.Workspace.Repository;
        repository.Git("add", "-A");
        return repository.Commit("two bake targets");
    }

    private Dictionary<string, string> Job(string sha) =>
        Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]), (SecretVariable, SecretValue));

    private static readonly string[] Arguments = ["--bake-file=docker-bake.hcl", "--secret=id=token,env=" + SecretVariable];

    private BuildRun Publish(string sha)
    {
        var run = Scene.Run(Job(sha), ["--target=Publish", .. Arguments]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    private Dictionary<string, string> BuildEnv() =>
        File.ReadAllLines(Path.Combine(Scene.Workspace.Path, "artifacts", "build.env"))
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    private IEnumerable<string> Artifacts() =>
        Directory.EnumerateFiles(Path.Combine(Scene.Workspace.Path, "artifacts"), "*", SearchOption.AllDirectories).Select(File.ReadAllText);

    [Test]
    public void Publish_builds_every_target_over_the_users_file_hands_on_each_digest_and_a_fresh_runner_takes_both_from_the_cache()
    {
        var sha = Prepare();

        var plan = Scene.Run(Job(sha), ["--target=Plan", .. Arguments]);
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Output, Does.Contain("Bake (Publish):").And.Contain("--file \"<override.json>\""), plan.ToString());
        Assert.That(plan.Output, Does.Contain("Merged definition (docker buildx bake -f <the bake file> -f <override.json> --print"), plan.ToString());
        Assert.That(plan.Output, Does.Contain($"{Scene.Image}/api/cache:main-api-api").And.Contain($"{Scene.Image}/worker:main"), "the merged definition holds the module's cache and tags");
        Assert.That(plan.Output, Does.Contain("id=token,env=" + SecretVariable), "the secret reaches the targets by reference");

        var cold = Publish(sha);
        var coldImages = ReportFile.ReadImages(Scene.Workspace);
        TestContext.Out.WriteLine($"cold {cold.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", coldImages.Select(image => $"{image.Key}: {image.Value}"))}");
        var bake = Scene.Calls("buildx", "bake").Where(call => !call.Contains("--print")).ToList();
        Assert.That(bake, Has.Count.EqualTo(1), "one bake");
        Assert.That(Scene.Calls("buildx", "build"), Is.Empty, "no single build");
        var files = bake[0].Select((word, i) => (word, i)).Where(item => item.i > 0 && bake[0][item.i - 1] is "--file" or "-f").Select(item => item.word).ToList();
        Assert.That(files, Has.Count.EqualTo(2));
        Assert.That(files[0], Is.EqualTo(Path.Combine(Scene.Workspace.Path, "docker-bake.hcl")), "the user's file first");
        Assert.That(files[1], Does.EndWith(".json").And.Not.StartWith(Scene.Workspace.Path), "then the module's override, outside the repository");
        Assert.That(bake[0].TakeLast(2), Is.EqualTo(new[] { "api", "worker" }), "the targets by name");
        Assert.That(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "docker-bake.hcl")), Is.EqualTo(BakeFile), "the user's file is unchanged");
        Assert.That(Scene.Workspace.Repository.Git("status", "--porcelain", "--", "docker-bake.hcl", "Dockerfile"), Is.Empty);
        Assert.That(coldImages.Keys, Is.EquivalentTo(new[] { "api", "worker" }));
        Assert.That(Registry.Tags(Scene.Project + "/api/cache"), Is.EqualTo(new[] { "main-api-api" }));
        Assert.That(Registry.Tags(Scene.Project + "/worker/cache"), Is.EqualTo(new[] { "main-worker-worker" }));

        var handOff = BuildEnv();
        Assert.That(handOff.GetValueOrDefault("IMAGE_DIGEST_API"), Is.EqualTo(Registry.Digest(Scene.Project + "/api", "main")).And.StartWith("sha256:"), string.Join('\n', handOff));
        Assert.That(handOff.GetValueOrDefault("IMAGE_DIGEST_WORKER"), Is.EqualTo(Registry.Digest(Scene.Project + "/worker", "main")).And.StartWith("sha256:"), string.Join('\n', handOff));
        Assert.That(handOff.GetValueOrDefault("IMAGE_DIGEST_API"), Is.Not.EqualTo(handOff.GetValueOrDefault("IMAGE_DIGEST_WORKER")));
        Assert.That(handOff, Does.Not.ContainKey("IMAGE_DIGEST"), "no unnamed digest for one of the images to claim");

        FreshRunner();
        var warm = Publish(sha);
        var warmImages = ReportFile.ReadImages(Scene.Workspace);
        TestContext.Out.WriteLine($"warm {warm.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", warmImages.Select(image => $"{image.Key}: {image.Value}"))}");
        foreach (var (name, report) in warmImages)
        {
            Assert.That(report.Ran, Is.Zero, $"{name}: every step from the cache: {report}");
            Assert.That(report.Cached, Is.GreaterThanOrEqualTo(3), $"{name}: {report}");
        }

        Assert.That(
            new List<string> { plan.Output, cold.Output, warm.Output, string.Join('\n', Scene.Sandbox.DockerCalls().Select(call => string.Join(' ', call))) }.Concat(Artifacts()),
            Has.None.Contains(SecretValue),
            "the secret's value is in no output, no docker argv, no report");
    }

    private void FreshRunner()
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
    }
}
