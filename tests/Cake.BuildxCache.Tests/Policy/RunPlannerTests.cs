using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>The run plan: both builds, every task's steps, and the decisions tasks used to make.</summary>
[TestFixture]
public sealed class RunPlannerTests
{
    [Test]
    public void Publish_pushes_outside_CI_whatever_runs_it()
    {
        var plan = RunPlanner.Plan(LocalBranch("feature/x"), LocalOptions, DockerHostInfo.Local, Created);

        Assert.That(plan.Publish.Plan.Output, Is.EqualTo(OutputMode.Push));
        Assert.That(plan.BuildWithCache.Plan.Output, Is.EqualTo(OutputMode.Load));
    }

    [Test]
    public void Publish_loads_when_load_is_asked_for_and_push_is_not()
    {
        var plan = RunPlanner.Plan(LocalBranch("feature/x"), LocalOptions with { Load = true }, DockerHostInfo.Local, Created);

        Assert.That(plan.Publish.Plan.Output, Is.EqualTo(OutputMode.Load));
    }

    [Test]
    public void Login_covers_the_registries_of_both_builds_once_each()
    {
        var options = LocalOptions with { CacheRepo = "cache.example.com/team/app-cache" };

        var plan = RunPlanner.Plan(LocalBranch("feature/x"), options, DockerHostInfo.Local, Created);

        Assert.That(plan.Login.Select(step => step.Registry.Host), Is.EquivalentTo(plan.Registries.Select(registry => registry.Host)));
        Assert.That(plan.Login.Select(step => step.Registry.Host), Is.Unique);
        Assert.That(plan.Login.Select(step => step.Registry.Host), Is.SupersetOf(plan.PublishBuild.Registries.Select(registry => registry.Host)));
    }

    [Test]
    public void A_local_Default_run_loads_and_Plan_shows_the_Publish_build_apart()
    {
        var plan = RunPlanner.Plan(LocalBranch("feature/x"), LocalOptions, DockerHostInfo.Local, Created);

        Assert.That(plan.Build.Output, Is.EqualTo(OutputMode.Load));
        Assert.That(plan.PublishBuild.Output, Is.EqualTo(OutputMode.Push));
        Assert.That(plan.Tasks.Select(task => task.Heading), Does.Contain("Publish"));
    }

    [Test]
    public void In_CI_the_Publish_build_is_the_build_and_is_printed_once()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);

        Assert.That(plan.Tasks.Select(task => task.Heading), Is.EqualTo(new[] { "EnsureBuilder", "Login", "BuildWithCache", "Lint", "PruneCache", "Teardown" }), "CI logs out by default");
    }

    [TestCase(null, null, null, null, false)]
    [TestCase("72h", null, null, null, true)]
    [TestCase(null, "10GB", null, null, true)]
    [TestCase(null, null, "20GB", null, true)]
    [TestCase(null, null, null, "5GB", true)]
    public void Publish_prunes_the_builder_when_a_limit_is_set(string? until, string? reserved, string? maxUsed, string? minFree, bool prunes)
    {
        var options = CiOptions with { PruneUntil = until, PruneReservedSpace = reserved, PruneMaxUsedSpace = maxUsed, PruneMinFreeSpace = minFree };

        var plan = RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created);

        Assert.That(plan.PruneAfterPublish, Is.EqualTo(prunes));
        Assert.That(plan.Tasks.Any(task => task.Heading == "PruneCache (also after Publish)"), Is.EqualTo(prunes));
    }

    [Test]
    public void Registry_prune_options_without_prune_registry_refuse_the_builder_prune()
    {
        var options = CiOptions with { Confirm = true, Origins = new Dictionary<string, OptionOrigin> { ["confirm"] = new(OptionSource.Argument, "--confirm") } };

        var plan = RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created);

        Assert.That(plan.BuilderPruneRefusal, Is.EqualTo("confirm (from --confirm) only apply to the registry prune: add --prune-registry (or drop them to prune the builder); nothing was pruned"));
        Assert.That(RunPlanner.Plan(GitLabBranch("main"), options with { PruneRegistry = true }, DockerHostInfo.Local, Created).BuilderPruneRefusal, Is.Null);
    }

    [Test]
    public void Every_step_the_tasks_run_is_in_the_printed_steps()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions with { PruneUntil = "24h", Logout = true }, DockerHostInfo.Local, Created);
        var printed = plan.Tasks.SelectMany(task => task.Steps).Select(step => step.Settings?.GetType()).ToList();
        var ensure = plan.EnsureBuilder;

        Assert.That(printed, Is.SupersetOf(new[]
        {
            ensure.Version.GetType(), ensure.Inspect.GetType(), ensure.Remove.GetType(), ensure.Create(BuildxConfigFlag.BuildkitdConfig).GetType(),
            plan.Login[0].Login!.GetType(), plan.BuildWithCache.Build().GetType(), plan.BuilderPrune.Prune!.GetType(),
        }));
        Assert.That(plan.Tasks.Single(task => task.Heading == "Teardown").Steps, Has.Count.EqualTo(1));
    }

    [Test]
    public void The_builder_found_decides_reuse_start_recreate_or_create()
    {
        var planned = BuilderPolicy.Plan(CiOptions, DockerHostInfo.Local);
        BuilderInfo Found(string driver, string status) =>
            new(planned.Name, driver, [new BuilderNode(planned.Name + "0") { Status = status, DriverOptions = new Dictionary<string, string> { ["image"] = "\"moby/buildkit:v0.32.2\"" } }]);

        Assert.Multiple(() =>
        {
            Assert.That(BuilderDecision.Decide(null, planned).Action, Is.EqualTo(BuilderAction.Create));
            Assert.That(BuilderDecision.Decide(Found("docker-container", "running"), planned).Action, Is.EqualTo(BuilderAction.Reuse));
            Assert.That(BuilderDecision.Decide(Found("docker-container", "inactive"), planned).Action, Is.EqualTo(BuilderAction.Start));
            var other = BuilderDecision.Decide(Found("docker", "running"), planned);
            Assert.That((other.Action, other.Reason), Is.EqualTo((BuilderAction.Recreate, "it uses driver docker, the plan needs docker-container")));
        });
    }
}
