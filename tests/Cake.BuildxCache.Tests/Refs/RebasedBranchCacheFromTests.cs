using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Policy;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>
/// A feature branch rebased onto main's new dependencies, with the real git: its own cache ref was written before the
/// rebase, by a commit no longer in its history, so main's ref (written by an ancestor) is read instead.
/// </summary>
public sealed class RebasedBranchCacheFromTests
{
    private const string Repo = Scenarios.Cache;
    private GitRepository repository = null!;
    private TemporaryDirectory clones = null!;
    private string newDependencies = null!;
    private string beforeRebase = null!;
    private string afterRebase = null!;

    [OneTimeSetUp]
    public void MakeHistory()
    {
        // base -> new dependencies on main; feature was base -> feature, and is now base -> new dependencies -> feature.
        repository = GitRepository.Init("main");
        var root = repository.Commit("base");
        newDependencies = repository.Commit("new dependencies");
        repository.Git("checkout", "-q", "-b", "old-feature", root);
        beforeRebase = repository.Commit("feature");
        repository.Git("checkout", "-q", "-b", "feature/x", newDependencies);
        afterRebase = repository.Commit("feature");
        clones = new TemporaryDirectory();
    }

    [OneTimeTearDown]
    public void RemoveHistory()
    {
        repository?.Dispose();
        clones?.Dispose();
    }

    private CacheFromSelection Select(string directory)
    {
        var git = CakeProcesses.Git();
        var records = new Dictionary<string, CacheRecord>
        {
            [Repo + ":feature-x"] = CacheRecord.Of(beforeRebase),
            [Repo + ":main"] = CacheRecord.Of(newDependencies),
        };
        var ancestry = records.Values.ToDictionary(record => record.Commit, record => GitAncestry.Of(git, directory, record.Commit, afterRebase));
        var plan = BuildPlanner.Plan(Scenarios.GitLabBranch("feature/x") with { Sha = afterRebase }, Scenarios.CiOptions, Scenarios.Created);
        return CacheFromPolicy.Select(
            plan.CacheFromChain,
            [new(Repo + ":feature-x", CacheRefStatus.Exists), new(Repo + ":main", CacheRefStatus.Exists)],
            records,
            afterRebase,
            ancestry);
    }

    [Test]
    public void With_the_full_history_main_is_read_and_the_log_says_why()
    {
        var selection = Select(repository.Path);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":main" }));
        Assert.That(selection.Log[0], Does.Contain($"written by {beforeRebase[..8]}, which is not an ancestor of this commit"));
    }

    [Test]
    public void In_a_shallow_clone_the_branch_ref_keeps_its_place()
    {
        var shallow = Path.Combine(clones.Path, "shallow");
        repository.Git("clone", "-q", "--depth", "1", "--branch", "feature/x", "file://" + repository.Path, shallow);

        var selection = Select(shallow);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":feature-x" }));
    }
}
