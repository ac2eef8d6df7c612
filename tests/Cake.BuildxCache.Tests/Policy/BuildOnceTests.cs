using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>"Build once": BuildWithCache and Publish are one build exactly when they render the same <c>docker buildx build</c>.</summary>
[TestFixture]
public sealed class BuildOnceTests
{
    [Test]
    public void In_CI_both_builds_render_the_same_command_and_run_once()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);

        Assert.That(plan.BuildsAreTheSame, Is.True);
    }

    [Test]
    public void A_reproducible_epoch_on_one_build_only_makes_them_two_builds()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);
        var epoch = new ImageTime(Created, 1_700_000_000, "commit time", RewritesLayers: true);

        // The epoch reaches the command line only through --output (type=image,…,source-date-epoch=…).
        var differing = plan.Image with { Publish = plan.PublishBuild with { Time = epoch } };

        Assert.That(differing.BuildsAreTheSame, Is.False);
    }

    [Test]
    public void An_annotation_on_one_build_only_makes_them_two_builds()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);
        var annotated = plan.PublishBuild.Features with { Annotations = [new("org.opencontainers.image.vendor", "Example")] };

        var differing = plan.Image with { Publish = plan.PublishBuild with { Features = annotated } };

        Assert.That(differing.BuildsAreTheSame, Is.False);
    }

    [Test]
    public void A_local_run_loads_in_one_and_pushes_in_the_other()
    {
        var plan = RunPlanner.Plan(LocalBranch("feature/x"), LocalOptions, DockerHostInfo.Local, Created);

        Assert.That(plan.BuildsAreTheSame, Is.False);
    }
}
