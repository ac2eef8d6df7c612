using System.Text;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The GitHub layout of docs/several-architectures.md (<c>examples/github/several-architectures.yml</c>) run by
/// <see cref="GitHubWorkflow"/> (GitHub's parser and expressions; the matrix rows on fresh runners, then the job that
/// needs them; the artifacts the actions would carry) on a push to main, against the real stack and the test registry.
/// What this machine cannot give is changed, and only that: it builds no <c>linux/arm64</c> (no emulation here), so the
/// file's <c>linux/arm64</c> reads <c>linux/386</c>; its registry is the test registry, not <c>ghcr.io</c>. Each runner
/// brings a builder of its own that reaches the plain-HTTP registry (<c>BUILDX_BUILDER</c>,
/// <c>BUILDX_DRIVER_OPT</c>, <c>BUILDX_BUILDKITD_CONFIG</c>), as the layout leaves the builder to the module.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
[Category("RealStack")]
public sealed class SeveralArchitecturesWorkflowTests
{
    /// <summary>The layout as users copy it, from the repository.</summary>
    public const string LayoutFile = "examples/github/several-architectures.yml";

    private const string Project = "org/app";

    [Test]
    public void The_matrix_jobs_then_merge_give_one_index_with_both_platforms_under_the_tags()
    {
        RealStack.Require();
        CiTools.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        using var repository = TemplatedRepository.SharedProgram.Copy();
        var layout = File.ReadAllText(Path.Combine(RepositoryRoot.Path, LayoutFile));
        Assert.That(layout, Does.Contain("linux/arm64").And.Contain("ghcr.io/"), "what the test reads otherwise");
        repository.Write(TemplatedRepository.ImageFolder + "/Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImageWithHistory));
        repository.Write("buildkitd.toml", $"[registry.\"{registry.Host}\"]\n  http = true\n");
        repository.Write(".github/workflows/image.yml", layout.Replace("linux/arm64", "linux/386", StringComparison.Ordinal).Replace("ghcr.io/", registry.Host + "/", StringComparison.Ordinal));
        var sha = repository.Commit("the several-architectures workflow");
        var payload = Path.Combine(sandbox.Root, "event.json");
        File.WriteAllText(payload, """{"repository":{"default_branch":"main","full_name":"org/app"}}""");
        Dictionary<string, string> Runner(string job) => Ci.GitHub(sha, "push", payload, registry.Password)
            .Without("BUILDX_REGISTRY_USER", "BUILDX_REGISTRY_PASSWORD")
            .With(("GITHUB_REF", "refs/heads/main"), ("GITHUB_REF_NAME", "main"), ("GITHUB_REF_TYPE", "branch"), ("GITHUB_JOB", job))
            .With(("BUILDX_BUILDER", TestBuilders.NewName()), ("BUILDX_DRIVER_OPT", "network=host"), ("BUILDX_BUILDKITD_CONFIG", "buildkitd.toml"), ("NUGET_PACKAGES", PackedPackages.GlobalPackagesFolder))
            .Over(sandbox);
        using var workflow = new GitHubWorkflow(
            Path.Combine(repository.Path, ".github", "workflows", "image.yml"),
            Runner,
            new Dictionary<string, string> { ["actor"] = registry.User, ["repository"] = Project, ["sha"] = sha, ["ref"] = "refs/heads/main", ["event_name"] = "push" },
            new Dictionary<string, string> { ["GITHUB_TOKEN"] = registry.Password });

        workflow.Run(repository.Path);

        var log = string.Join("\n", workflow.Steps.Select(step => $"--- {step.Job}\n{step.Result.Output}"));
        Assert.That(workflow.Failed, Is.Empty, log);
        Assert.That(workflow.Skipped, Is.Empty, log);
        Assert.That(workflow.Steps.Select(step => step.Job).Distinct(), Is.EqualTo(new[] { "build (linux/amd64, ubuntu-24.04)", "build (linux/386, ubuntu-24.04-arm)", "merge" }), "the matrix rows, then merge");
        var tags = new[] { "main", sha[..8], "latest" };
        Assert.That(registry.Tags(Project), Is.EquivalentTo(tags), log);
        var index = registry.Digest(Project, "main")!;
        Assert.That(tags.Select(tag => registry.Digest(Project, tag)), Is.All.EqualTo(index), "every tag at one index");
        var identity = ImageIdentity.Parse(index, Encoding.UTF8.GetBytes(registry.Manifest(Project, index)!));
        Assert.That(identity.Platforms.Select(pair => pair.Key), Is.EquivalentTo(new[] { "linux/amd64", "linux/386" }), registry.Manifest(Project, index));
        var merge = string.Join("\n", workflow.Steps.Where(step => step.Job == "merge").Select(step => step.Result.Output));
        Assert.That(merge, Does.Contain($"Merged {registry.Host}/{Project}@{index}"), merge);
        foreach (var platform in new[] { "linux-amd64", "linux-386" })
        {
            Assert.That(merge, Does.Contain($"artifacts/fan-out-{platform}.json"), "Merge read the hand-off of " + platform);
        }

        Assert.That(log, Does.Not.Contain(registry.Password));
    }
}
