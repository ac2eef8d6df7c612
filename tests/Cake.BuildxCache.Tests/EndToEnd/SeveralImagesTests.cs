using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Two images declared in cake.config (api and worker, two stages of one Dockerfile over a shared stage whose RUN does
/// real work), built by one run in one <c>docker buildx bake</c> on the real buildx and BuildKit. A fresh runner is a
/// removed builder: every step reported cached then came from the registry.
/// </summary>
public sealed partial class SeveralImagesTests() : RealStackFixture("images")
{
    private const string SharedStep = "RUN i=0";

    private const string Config = """
        [Buildx.Image.api]
        Stage=api

        [Buildx.Image.worker]
        Stage=worker
        """;

    private static string Dockerfile(string from) => $"""
        FROM {from} AS shared
        COPY shared/ /shared/
        RUN i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; cat /shared/* > /shared.out

        FROM shared AS api
        COPY api/ /api/
        RUN cat /shared.out /api/* > /api.out

        FROM shared AS worker
        COPY worker/ /worker/
        RUN cat /shared.out /worker/* > /worker.out

        """;

    private void Prepare()
    {
        Scene.Workspace.Write("Dockerfile", Dockerfile(EndToEndSetUp.BaseImage));
        Scene.Workspace.Write("shared/lib.txt", "shared library\n");
        Scene.Workspace.Write("api/app.txt", "api one\n");
        Scene.Workspace.Write("worker/app.txt", "worker one\n");
        Scene.Workspace.Write("cake.config", Config);
        Commit("two images");
    }

    private string Commit(string message)
    {
        var repository = Scene.Workspace.Repository;
        repository.Git("add", "-A");
        return repository.Commit(message);
    }

    private Dictionary<string, string> Job(string branch, string slug, string sha) =>
        Scene.GitLab().Branch(branch, slug).With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]));

    private BuildRun Publish(Dictionary<string, string> job)
    {
        var run = Scene.Run(job, "--target=Publish");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    private void FreshRunner()
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
    }

    // BuildKit numbers each vertex of the solve once (#N): the shared stage's RUN under one number was built once for both images.
    private static IReadOnlyList<string> VerticesOf(BuildRun run, string step) =>
        [.. run.Lines.Select(line => Vertex().Match(line)).Where(match => match.Success && match.Groups[2].Value.Contains(step, StringComparison.Ordinal)).Select(match => match.Groups[1].Value).Distinct()];

    // How BuildKit ended a vertex: DONE (it ran), CACHED, ERROR.
    private static string Ending(BuildRun run, string vertex) =>
        run.Lines.Select(line => line.Split(' ')).Where(words => words.Length > 1 && words[0] == vertex && words[1] is "DONE" or "CACHED" or "ERROR").Select(words => words[1]).Single();

    [Test]
    public void Cold_builds_the_shared_stage_once_and_a_fresh_runner_takes_both_images_from_the_cache()
    {
        Prepare();
        var sha = Scene.Workspace.Repository.Git("rev-parse", "HEAD");

        var cold = Publish(Job("main", "main", sha));
        var coldImages = ReportFile.ReadImages(Scene.Workspace);
        TestContext.Out.WriteLine($"cold {cold.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", coldImages.Select(image => $"{image.Key}: {image.Value}"))}");
        Assert.That(Scene.Calls("buildx", "bake"), Has.Count.EqualTo(1), "one bake");
        Assert.That(Scene.Calls("buildx", "build"), Is.Empty, "no single build");
        Assert.That(coldImages.Keys, Is.EquivalentTo(new[] { "api", "worker" }));
        var shared = VerticesOf(cold, SharedStep);
        Assert.That(shared.Select(vertex => Ending(cold, vertex)), Is.EquivalentTo(new[] { "DONE", "CACHED" }), "the shared stage's RUN ran for one target, the other took its result in the same solve:\n" + cold.Output);
        Assert.That(Registry.Tags(Scene.Project + "/api/cache"), Is.EqualTo(new[] { "main-api-api" }));
        Assert.That(Registry.Tags(Scene.Project + "/worker/cache"), Is.EqualTo(new[] { "main-worker-worker" }));
        Assert.That(Registry.Tags(Scene.Project + "/api"), Does.Contain("main"));
        Assert.That(Registry.Tags(Scene.Project + "/worker"), Does.Contain("main"));

        FreshRunner();
        var warm = Publish(Job("main", "main", sha));
        var warmImages = ReportFile.ReadImages(Scene.Workspace);
        TestContext.Out.WriteLine($"warm {warm.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", warmImages.Select(image => $"{image.Key}: {image.Value}"))}");
        foreach (var (name, report) in warmImages)
        {
            Assert.That(report.Ran, Is.Zero, $"{name}: every step from the cache: {report}");
            Assert.That(report.Cached, Is.GreaterThanOrEqualTo(3), $"{name}: {report}");
        }
    }

    [Test]
    public void A_new_branch_starts_warm_from_mains_caches_and_a_change_to_one_image_reruns_only_its_steps_which_require_cache_hit_names()
    {
        Prepare();
        var sha = Scene.Workspace.Repository.Git("rev-parse", "HEAD");
        Publish(Job("main", "main", sha));

        FreshRunner();
        Scene.Workspace.Repository.Git("checkout", "-q", "-b", "feature/x");
        Scene.Workspace.Write("worker/app.txt", "worker two\n");
        var changed = Commit("worker changes");
        // --require-cache-hit=100 holds for each image: api meets it, worker's change misses it, and the run fails naming
        // worker only, once both images are built, reported and cached.
        var branch = Scene.Run(Job("feature/x", "feature-x", changed), "--target=Publish", "--require-cache-hit=100");
        var images = ReportFile.ReadImages(Scene.Workspace);
        TestContext.Out.WriteLine(string.Join(" | ", images.Select(image => $"{image.Key}: {image.Value}")));

        Assert.That(branch.ExitCode, Is.Not.Zero, branch.ToString());
        Assert.That(branch.Output, Does.Contain("1 of 2 images missed the cache: worker. worker: cache hit "), branch.ToString());

        Assert.That(branch.Output, Does.Contain(":feature-x-api-api missing, using main's"), branch.ToString());
        Assert.That(images["api"].Imported, Is.EqualTo(new[] { $"{Scene.Image}/api/cache:main-api-api" }), images["api"].ToString());
        Assert.That(images["worker"].Imported, Is.EqualTo(new[] { $"{Scene.Image}/worker/cache:main-worker-worker" }), images["worker"].ToString());
        Assert.That(images["api"].Ran, Is.Zero, "api's files did not change: " + images["api"]);
        Assert.That(images["worker"].StatusOf("COPY worker/"), Is.EqualTo("done"), images["worker"].ToString());
        Assert.That(images["worker"].StatusOf("RUN cat /shared.out /worker"), Is.EqualTo("done"), images["worker"].ToString());
        Assert.That(Registry.Tags(Scene.Project + "/api/cache"), Is.EquivalentTo(new[] { "main-api-api", "feature-x-api-api" }));
    }

    [Test]
    public void Lint_checks_every_image_in_one_bake_and_reports_each_by_name()
    {
        // FromAsCasing: 'as' in lower case after an upper-case FROM, in the api image's Dockerfile only.
        Scene.Workspace.Write("api/Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} as base
            RUN true

            """);
        Scene.Workspace.Write("worker/Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} AS base
            RUN true

            """);
        Scene.Workspace.Write("cake.config", """
            [Buildx.Image.api]
            Dockerfile=api/Dockerfile
            Context=api

            [Buildx.Image.worker]
            Dockerfile=worker/Dockerfile
            Context=worker
            """);
        Commit("two images to lint");
        Scene.LogInAsDeveloper();

        var lenient = Scene.Run([], "--target=Lint", "--image=" + Scene.Image);
        var strict = Scene.Run([], "--target=Lint", "--image=" + Scene.Image, "--lint-fail-on-warnings");

        Assert.That(lenient.ExitCode, Is.EqualTo(0), lenient.ToString());
        Assert.That(lenient.Output, Does.Contain("Lint api: 1 check warning(s) (FromAsCasing)").And.Contain("Lint worker: no check warnings."), lenient.ToString());
        Assert.That(lenient.Output, Does.Contain("Lint: 1 of 2 targets have check warnings"));
        Assert.That(strict.ExitCode, Is.Not.EqualTo(0), strict.ToString());
        Assert.That(strict.Output, Does.Contain("Lint: api has check warnings and --lint-fail-on-warnings is set"));
        Assert.That(Scene.Calls("buildx", "bake").Where(call => call.Contains("--call")).ToList(), Has.Count.EqualTo(2), "one bake per Lint");
        Assert.That(Scene.Calls("buildx", "build"), Is.Empty, "nothing is built, no image checked alone");
    }

    [GeneratedRegex(@"^(#\d+) (\[.*)$")]
    private static partial Regex Vertex();
}
