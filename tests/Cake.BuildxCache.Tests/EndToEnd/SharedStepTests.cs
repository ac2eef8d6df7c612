using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Two images (api and worker) whose stages start from one base image with the same steps over a build stage on
/// another base (<c>WORKDIR /app</c>, <c>COPY --from=build</c>), then differ, built by one run's bake on the real
/// buildx and BuildKit. BuildKit runs the identical steps once for both; on a fresh runner it may miss the cache for
/// that step and the ones after it in one image (see docs/several-images.md). What holds on every warm run is pinned
/// here: the build stage both images copy from comes from the cache.
/// </summary>
public sealed partial class SharedStepTests() : RealStackFixture("shared-step")
{
    private const int WarmRuns = 4;

    private const string Config = """
        [Buildx.Image.api]
        Stage=api

        [Buildx.Image.worker]
        Stage=worker
        """;

    private static string Dockerfile(string buildBase, string runtimeBase) => $"""
        FROM {buildBase} AS build
        WORKDIR /src
        COPY app.txt ./
        RUN i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; cat app.txt > /out

        FROM {runtimeBase} AS api
        WORKDIR /app
        COPY --from=build /out ./

        FROM {runtimeBase} AS worker
        WORKDIR /app
        COPY --from=build /out ./
        RUN echo worker > /app/role

        """;

    private BuildRun Publish(Dictionary<string, string> job)
    {
        var run = Scene.Run(job, "--target=Publish");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    // Each vertex of the solve whose name holds the step, with how BuildKit ended it (DONE: it ran; CACHED).
    private static IReadOnlyList<string> Endings(BuildRun run, string step)
    {
        var vertices = run.Lines.Select(line => Vertex().Match(line)).Where(match => match.Success && match.Groups[2].Value.Contains(step, StringComparison.Ordinal)).Select(match => match.Groups[1].Value).Distinct().ToList();
        return [.. vertices.Select(vertex => run.Lines.Select(line => line.Split(' ')).Where(words => words.Length > 1 && words[0] == vertex && words[1] is "DONE" or "CACHED" or "ERROR").Select(words => words[1]).Single())];
    }

    [Test]
    public void On_every_fresh_runner_the_build_stage_both_images_copy_from_comes_from_the_cache()
    {
        Scene.Workspace.Write("Dockerfile", Dockerfile(EndToEndSetUp.BaseImageWithHistory, EndToEndSetUp.BaseImage));
        Scene.Workspace.Write("app.txt", "app\n");
        Scene.Workspace.Write("cake.config", Config);
        Scene.Workspace.Repository.Git("add", "-A");
        var sha = Scene.Workspace.Repository.Commit("two images over one build stage");
        var job = Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]));
        var cold = Publish(job);
        Assert.That(Endings(cold, "RUN i=0"), Does.Contain("DONE"), cold.Output);

        var reran = 0;
        for (var i = 0; i < WarmRuns; i++)
        {
            var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
            Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
            var warm = Publish(job);
            Assert.That(Endings(warm, "RUN i=0"), Is.Not.Empty.And.All.EqualTo("CACHED"), $"warm run {i + 1}: the build stage from the cache:\n{warm.Output}");
            reran += Endings(warm, "RUN echo worker").Contains("DONE") ? 1 : 0;
        }

        // BuildKit's miss after the shared step is intermittent: reported, not asserted (docs/several-images.md).
        TestContext.Out.WriteLine($"worker's step after the shared one ran again in {reran} of {WarmRuns} warm runs");
    }

    [GeneratedRegex(@"^(#\d+) (\[.*)$")]
    private static partial Regex Vertex();
}
