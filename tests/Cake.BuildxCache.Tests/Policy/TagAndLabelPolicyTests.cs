using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

public sealed class TagAndLabelPolicyTests
{
    [Test]
    public void Tag_switches_turn_each_tag_off_and_extra_tags_follow()
    {
        var options = CiOptions with { TagBranch = false, TagSha = false, TagLatest = false, ExtraTags = ["stable", "stable", "edge"] };

        var (tags, _) = TagPolicy.Decide(GitLabBranch("main"), options);

        Assert.That(tags, Is.EqualTo(new[] { $"{Image}:stable", $"{Image}:edge" }));
    }

    [Test]
    public void Git_tag_switch_off_leaves_the_sha()
    {
        var (tags, _) = TagPolicy.Decide(GitLabTag("v2.0.0"), CiOptions with { TagGitTag = false });

        Assert.That(tags, Is.EqualTo(new[] { $"{Image}:{Short}" }));
    }

    [Test]
    public void No_tags_at_all_is_noted()
    {
        var options = CiOptions with { TagBranch = false, TagSha = false, TagLatest = false };

        var (tags, notes) = TagPolicy.Decide(GitLabBranch("feature"), options);

        Assert.That(tags, Is.Empty);
        Assert.That(notes, Has.Some.StartsWith("no tags"));
    }

    [Test]
    public void An_empty_slug_gives_no_branch_tag()
    {
        var (tags, notes) = TagPolicy.Decide(GitLabBranch("日本語"), CiOptions);

        Assert.That(tags, Is.EqualTo(new[] { $"{Image}:{Short}" }));
        Assert.That(notes, Has.Some.Contains("empty slug"));
    }

    [TestCase("v1.2.3", "v1-2-3", "v1.2.3")]
    [TestCase("V1_RC", "v1-rc", "V1_RC")]
    [TestCase("release/1.0", "release-1-0", "release-1-0")]
    [TestCase(".hidden", "hidden", "hidden")]
    [TestCase("日本語", "", null)]
    public void A_git_tag_is_used_raw_when_it_is_a_valid_docker_tag_else_its_slug(string tag, string slug, string? expected)
    {
        Assert.That(DockerNames.TagForRef(tag, slug), Is.EqualTo(expected));
    }

    [Test]
    public void A_tag_on_the_image_name_is_not_repeated()
    {
        var (tags, _) = TagPolicy.Decide(GitLabBranch("main"), CiOptions with { Image = "localhost:5000/app" });

        Assert.That(tags[0], Is.EqualTo("localhost:5000/app:main"));
    }

    [Test]
    public void Extra_labels_follow_and_override_the_oci_ones_in_place()
    {
        var options = CiOptions with
        {
            Title = "My App",
            Labels = [new("org.opencontainers.image.source", "https://mirror.example.com/app"), new("com.example.team", "platform")],
        };

        var labels = LabelPolicy.Labels(GitLabBranch("main"), options, Created);

        Assert.That(labels, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("org.opencontainers.image.revision", Sha),
            new("org.opencontainers.image.source", "https://mirror.example.com/app"),
            new("org.opencontainers.image.created", "2025-03-04T03:06:07Z"),
            new("org.opencontainers.image.ref.name", "main"),
            new("org.opencontainers.image.title", "My App"),
            new("com.example.team", "platform"),
        }));
    }

    [Test]
    public void Extra_build_args_follow_git_commit_and_may_replace_it()
    {
        var options = CiOptions with { BuildArgs = [new("NODE_VERSION", "22"), new("GIT_COMMIT", "override")] };

        var args = LabelPolicy.BuildArgs(GitLabBranch("main"), options);

        Assert.That(args, Is.EqualTo(new KeyValuePair<string, string>[] { new("GIT_COMMIT", "override"), new("NODE_VERSION", "22") }));
    }

    [Test]
    public void Created_is_rfc3339_utc_to_the_second()
    {
        Assert.That(LabelPolicy.Rfc3339(new DateTimeOffset(2024, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-5))), Is.EqualTo("2025-01-01T04:59:59Z"));
    }

    [Test]
    public void The_plan_carries_the_build_inputs()
    {
        var options = CiOptions with { Dockerfile = "docker/app.Dockerfile", Context = "src", Stage = "runtime", Platforms = ["linux/amd64", "linux/arm64"] };

        var plan = BuildPlanner.Plan(GitLabBranch("main"), options, Created);

        Assert.That((plan.Dockerfile, plan.Context, plan.Target), Is.EqualTo(("docker/app.Dockerfile", "src", (string?)"runtime")));
        Assert.That(plan.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/arm64" }));
        Assert.That(plan.Notes[0], Is.EqualTo("GitLabCI: branch main (default branch), commit 3f9c1e2a, slug 'main'"));
    }
}
