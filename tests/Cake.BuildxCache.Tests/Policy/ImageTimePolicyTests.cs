using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>The commit time as the image's time (<c>--reproducible</c>): the label, the output's epoch, and what stays out of the build arguments.</summary>
public sealed class ImageTimePolicyTests
{
    private static readonly DateTimeOffset CommitTime = new(2024, 1, 2, 8, 30, 0, 250, TimeSpan.FromHours(1));

    private static string CreatedLabel(BuildPlan plan) => plan.Labels.Single(label => label.Key == LabelPolicy.Oci + "created").Value;

    [Test]
    public void The_commit_time_is_the_created_label_and_the_epoch_of_the_output_in_whole_seconds()
    {
        var refs = GitLabBranch("main") with { CommitTime = CommitTime, CommitTimeSource = "CI_COMMIT_TIMESTAMP" };

        var plan = BuildPlanner.Plan(refs, CiOptions, Created);

        Assert.That(CreatedLabel(plan), Is.EqualTo("2024-01-02T07:30:00Z"));
        Assert.That(plan.Time!.Epoch, Is.EqualTo(1704180600));
        Assert.That(plan.Time.Description, Does.StartWith("commit time 2024-01-02T07:30:00Z from CI_COMMIT_TIMESTAMP (reproducible"));
    }

    [TestCase(OutputMode.Push, false, "type=image,source-date-epoch=1704180600")]
    [TestCase(OutputMode.Load, false, "type=docker,source-date-epoch=1704180600")]
    [TestCase(OutputMode.Push, true, "type=image,rewrite-timestamp=true,source-date-epoch=1704180600")]
    [TestCase(OutputMode.Load, true, "type=docker,rewrite-timestamp=true,source-date-epoch=1704180600")]
    public void The_epoch_goes_to_the_image_output_and_never_into_the_build_arguments(OutputMode output, bool rewriteTimestamps, string expected)
    {
        var refs = GitLabBranch("main") with { CommitTime = CommitTime };
        var plan = BuildPlanner.Plan(refs, CiOptions with { RewriteTimestamps = rewriteTimestamps }, Created) with { Output = output };

        var settings = DockerCommands.Build(plan);

        Assert.That(settings.Outputs, Is.EqualTo(new[] { expected }));
        Assert.That(settings.Push, Is.EqualTo(output == OutputMode.Push), "buildx adds push=true to the image output");
        Assert.That(settings.BuildArgs.Keys, Has.No.Member("SOURCE_DATE_EPOCH"));
    }

    [Test]
    public void A_build_that_neither_pushes_nor_loads_gets_no_output()
    {
        var refs = GitLabBranch("main") with { CommitTime = CommitTime };
        var plan = BuildPlanner.Plan(refs, CiOptions, Created) with { Output = OutputMode.None };

        Assert.That(DockerCommands.Build(plan).Outputs, Is.Empty);
    }

    [Test]
    public void Reproducible_off_stamps_the_build_time_and_adds_no_output()
    {
        var refs = GitLabBranch("main") with { CommitTime = CommitTime };
        var options = CiOptions with { Reproducible = false };

        var plan = BuildPlanner.Plan(refs, options, Created);

        Assert.That(CreatedLabel(plan), Is.EqualTo("2025-03-04T03:06:07Z"));
        Assert.That(plan.Time!.IsReproducible, Is.False);
        Assert.That(plan.Time.Description, Does.StartWith("build time 2025-03-04T03:06:07Z (reproducible=false"));
        Assert.That(DockerCommands.Build(plan).Outputs, Is.Empty);
    }

    [Test]
    public void An_unknown_commit_time_falls_back_to_the_build_time_and_says_the_digest_will_not_repeat()
    {
        var plan = BuildPlanner.Plan(GitLabBranch("main"), CiOptions, Created);

        Assert.That(CreatedLabel(plan), Is.EqualTo("2025-03-04T03:06:07Z"));
        Assert.That(plan.Time!.Epoch, Is.Null);
        Assert.That(plan.Time.Description, Does.Contain("commit time is unknown"));
        Assert.That(DockerCommands.Build(plan).Outputs, Is.Empty);
    }

    [Test]
    public void A_created_label_given_by_the_user_still_wins()
    {
        var refs = GitLabBranch("main") with { CommitTime = CommitTime };
        var options = CiOptions with { Labels = [new(LabelPolicy.Oci + "created", "2000-01-01T00:00:00Z")] };

        Assert.That(CreatedLabel(BuildPlanner.Plan(refs, options, Created)), Is.EqualTo("2000-01-01T00:00:00Z"));
    }
}
