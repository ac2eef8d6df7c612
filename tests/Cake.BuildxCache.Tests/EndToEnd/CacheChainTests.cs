using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The chain's contract on the real buildx and BuildKit: in every pipeline a CI runs, Publish hits at least as many steps
/// as the best single cache ref among the refs its chain could read. Each scenario writes its branches' cache refs as CI
/// jobs do (plain buildx, each job on a fresh builder, <c>mode=max</c> to the job's own ref), builds the measured commit once
/// per ref that exists, each alone and on a fresh builder (importing only), then runs Publish on a fresh builder: the
/// counts are compared, never fixed. BuildKit 0.32.2 loses hits at random when it merges several imports, so one pass can pass by
/// luck on a chain that reads several refs; <c>bench/chain.sh</c> repeats each case.
/// </summary>
public sealed class CacheChainTests() : RealStackFixture("chain")
{
    /// <summary>The pipelines of the matrix.</summary>
    public enum Pipeline
    {
        /// <summary>A rerun of a feature branch's commit whose job wrote the branch's ref.</summary>
        RerunOnFeatureBranch,

        /// <summary>The next commit of a feature branch.</summary>
        NextCommitOnFeatureBranch,

        /// <summary>The next commit of a feature branch after main moved on.</summary>
        NextCommitAfterMainMovedOn,

        /// <summary>The first commit of a new branch.</summary>
        FirstCommitOfNewBranch,

        /// <summary>A merge request pipeline into a release branch with dependencies of its own.</summary>
        MergeRequest,

        /// <summary>Main's first build of a merge commit that brought new dependencies in.</summary>
        MergeOfDependencyChange,
    }

    private static string Dockerfile(string from) => $"""
        FROM {from} AS build
        WORKDIR /app
        COPY deps.txt ./
        RUN cp deps.txt deps.restored
        COPY src.txt ./
        RUN cat deps.restored src.txt > out

        FROM {from}
        ARG GIT_COMMIT
        COPY --from=build /app/out /app/out
        RUN echo "commit $GIT_COMMIT" > /app/commit

        """;

    private string Cache => Scene.Image + "/cache";

    [TestCase(Pipeline.RerunOnFeatureBranch)]
    [TestCase(Pipeline.NextCommitOnFeatureBranch)]
    [TestCase(Pipeline.NextCommitAfterMainMovedOn)]
    [TestCase(Pipeline.FirstCommitOfNewBranch)]
    [TestCase(Pipeline.MergeRequest)]
    [TestCase(Pipeline.MergeOfDependencyChange)]
    public void Publish_hits_at_least_as_many_steps_as_the_best_single_ref_of_its_chain(Pipeline pipeline)
    {
        Scene.LogInAsDeveloper();
        var (job, sha, chain) = History(pipeline);

        // Each ref alone first: Publish then writes its own ref.
        var existing = Registry.Tags(Scene.CacheRepository);
        var singles = chain.Where(tag => existing.Contains(tag)).ToDictionary(tag => tag, tag => CachedSteps(Build(sha, [tag], null)));

        var publish = Scene.Run(job, "--target=Publish");
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.ToString());
        var ours = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"{pipeline}: Publish {ours.Cached} of {ours.BuildSteps} cached, imported [{string.Join(", ", ours.Imported)}]; alone: {string.Join(", ", singles.Select(single => $"{single.Key} {single.Value}"))}");

        Assert.That(singles, Is.Not.Empty, "some ref of the chain exists");
        Assert.That(ours.Cached, Is.GreaterThanOrEqualTo(singles.Values.Max()), $"Publish against the best single ref ({ours}): {string.Join(", ", singles)}");
        Assert.That(ours.Imported, Has.Count.EqualTo(1), "one ref is read: " + ours);
    }

    /// <summary>Writes the scenario's cache refs as CI would; returns the measured job, its commit and the chain's tags.</summary>
    private (Dictionary<string, string> Job, string Sha, string[] Chain) History(Pipeline pipeline)
    {
        var m1 = Commit("main", "D1", "S1", "first");
        Build(m1, ["main"], "main");
        switch (pipeline)
        {
            case Pipeline.RerunOnFeatureBranch:
                {
                    var f1 = Commit("feature", "D1", "S2", "feature one");
                    Build(f1, ["feature", "main"], "feature");
                    return (Job("feature", f1), f1, ["feature", "main"]);
                }

            case Pipeline.NextCommitOnFeatureBranch:
                {
                    Build(Commit("feature", "D1", "S2", "feature one"), ["feature", "main"], "feature");
                    var f2 = Commit("feature", "D1", "S3", "feature two");
                    return (Job("feature", f2), f2, ["feature", "main"]);
                }

            case Pipeline.NextCommitAfterMainMovedOn:
                {
                    Build(Commit("feature", "D1", "S2", "feature one"), ["feature", "main"], "feature");
                    Build(Commit("main", "D1", "S4", "main two"), ["main"], "main");
                    var f2 = Commit("feature", "D1", "S3", "feature two");
                    return (Job("feature", f2), f2, ["feature", "main"]);
                }

            case Pipeline.FirstCommitOfNewBranch:
                {
                    var n1 = Commit("new", "D1", "S5", "new one");
                    return (Job("new", n1), n1, ["new", "main"]);
                }

            case Pipeline.MergeRequest:
                {
                    Build(Commit("release", "D2", "S6", "release one"), ["release", "main"], "release");
                    Build(Commit("feature", "D2", "S2", "feature one"), ["feature", "release", "main"], "feature");
                    var g2 = Commit("feature", "D2", "S3", "feature two");
                    var job = Scene.GitLab().MergeRequest("feature", "feature", "release").With(("CI_COMMIT_SHA", g2), ("CI_COMMIT_SHORT_SHA", g2[..8]));
                    return (job, g2, ["feature", "release", "main"]);
                }

            case Pipeline.MergeOfDependencyChange:
                {
                    Build(Commit("deps-bump", "D3", "S7", "bump the dependencies"), ["deps-bump", "main"], "deps-bump");
                    var repository = Scene.Workspace.Repository;
                    repository.Git("checkout", "-q", "main");
                    repository.Git("-c", "user.name=Test Author", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
                        "merge", "-q", "--no-ff", "-m", "Merge branch 'deps-bump' into 'main'", "deps-bump");
                    var merge = repository.Git("rev-parse", "HEAD");
                    return (Job("main", merge), merge, ["main", "deps-bump"]);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(pipeline));
        }
    }

    private Dictionary<string, string> Job(string branch, string sha) =>
        Scene.GitLab().Branch(branch, branch).With(("CI_COMMIT_SHA", sha), ("CI_COMMIT_SHORT_SHA", sha[..8]));

    /// <summary>Commits the app on <paramref name="branch"/> (made from the current commit when new); returns the sha.</summary>
    private string Commit(string branch, string deps, string src, string message)
    {
        var repository = Scene.Workspace.Repository;
        var branches = repository.Git("branch", "--list", branch);
        repository.Git(branches.Length == 0 ? ["checkout", "-q", "-b", branch] : ["checkout", "-q", branch]);
        Scene.Workspace.Write("Dockerfile", Dockerfile(EndToEndSetUp.BaseImage));
        Scene.Workspace.Write("deps.txt", deps + "\n");
        Scene.Workspace.Write("src.txt", src + "\n");
        repository.Git("add", "Dockerfile", "deps.txt", "src.txt");
        return repository.Commit(message);
    }

    /// <summary>A plain <c>docker buildx build</c> of the checked-out commit on a fresh builder, as a CI job writes it.</summary>
    private string Build(string sha, IReadOnlyList<string> from, string? to)
    {
        var builder = TestBuilders.NewName();
        var created = Scene.Docker("buildx", "create", "--name", builder, "--driver", "docker-container", "--driver-opt", "network=host", "--buildkitd-config", "buildkitd.toml", "--bootstrap");
        Assert.That(created.ExitCode, Is.EqualTo(0), created.StandardError);
        try
        {
            List<string> arguments = ["buildx", "build", "--builder", builder, "--progress", "plain", "--build-arg", "GIT_COMMIT=" + sha];
            foreach (var tag in from)
            {
                arguments.AddRange(["--cache-from", $"type=registry,ref={Cache}:{tag}"]);
            }

            if (to is not null)
            {
                arguments.AddRange(["--cache-to", $"type=registry,ref={Cache}:{to},mode=max,ignore-error=true"]);
            }

            arguments.AddRange(["--output", $"type=image,name={Scene.Image}:plain-{sha[..8]},push=true", "."]);
            var build = Scene.Docker([.. arguments]);
            Assert.That(build.ExitCode, Is.EqualTo(0), build.StandardError);
            return build.StandardError;
        }
        finally
        {
            Scene.Docker("buildx", "rm", "--force", builder);
        }
    }

    /// <summary>The build steps cached, counted as Publish's report counts them.</summary>
    private static int CachedSteps(string progress) => BuildSummary.From(BuildProgress.Parse(progress)).Cached;
}
