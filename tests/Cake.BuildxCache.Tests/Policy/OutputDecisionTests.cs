using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// The one output decision: push, load or neither, and whether the cache may be written, for the build and for Publish.
/// The fork rule (a fork's merge request neither pushes unless push=true nor writes the upstream's cache) is stated once,
/// in <see cref="OutputPolicy"/>; the cache refs and both plans read it.
/// </summary>
public sealed class OutputDecisionTests
{
    // where, publish, push, load -> image, cache read-only reason (start)
    [TestCase("fork", false, null, null, OutputMode.Load, "fork merge request")]
    [TestCase("fork", true, null, null, OutputMode.Load, "fork merge request")]
    [TestCase("fork", true, true, null, OutputMode.Push, "fork merge request")]
    [TestCase("ci", false, null, null, OutputMode.Push, null)]
    [TestCase("ci", true, false, null, OutputMode.Load, null)]
    [TestCase("local", false, null, null, OutputMode.Load, "local run")]
    [TestCase("local", true, null, null, OutputMode.Push, null)]
    [TestCase("local", true, null, true, OutputMode.Load, "local run")]
    [TestCase("local", true, false, null, OutputMode.Load, "local run")]
    [TestCase("local", false, true, null, OutputMode.Push, null)]
    [TestCase("local", false, null, false, OutputMode.None, "local run")]
    public void Push_load_and_read_only_are_decided_together(string where, bool publish, bool? push, bool? load, OutputMode image, string? readOnly)
    {
        var refs = where switch
        {
            "fork" => GitLabMergeRequest("feature/x", "main", fork: true),
            "ci" => GitLabBranch("feature/x"),
            _ => LocalBranch("feature/x"),
        };

        var decision = OutputPolicy.Decide(refs, LocalOptions with { Push = push, Load = load }, publish);

        Assert.That(decision.Image, Is.EqualTo(image));
        Assert.That(decision.CacheReadOnly, readOnly is null ? Is.Null : Does.StartWith(readOnly));
    }

    [Test]
    public void Publish_plans_from_the_same_decision_a_fork_loads_and_writes_no_cache()
    {
        var plan = RunPlanner.Plan(GitLabMergeRequest("feature/x", "main", fork: true), CiOptions, Cake.BuildxCache.Refs.DockerHostInfo.Local, Created);

        Assert.That((plan.PublishBuild.Output, plan.PublishBuild.CacheTo), Is.EqualTo((OutputMode.Load, (Cake.BuildxCache.Docker.CacheSpec?)null)));
        Assert.That(plan.PublishBuild.Notes, Does.Contain("cache read-only: fork merge request"));
    }

    [Test]
    public void A_local_publish_pushes_and_writes_the_cache_a_local_build_does_neither()
    {
        var plan = RunPlanner.Plan(LocalBranch("feature/x"), LocalOptions, Cake.BuildxCache.Refs.DockerHostInfo.Local, Created);

        Assert.That((plan.PublishBuild.Output, plan.PublishBuild.WritesCache), Is.EqualTo((OutputMode.Push, true)));
        Assert.That((plan.Build.Output, plan.Build.WritesCache), Is.EqualTo((OutputMode.Load, false)));
    }
}
