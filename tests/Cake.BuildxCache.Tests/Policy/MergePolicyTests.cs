using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>The Merge task's decisions: which platform images it joins or why it refuses, whether the tags move, whether the index read back is right.</summary>
public sealed class MergePolicyTests
{
    private static readonly string Amd64Index = Digest('1');
    private static readonly string Amd64Image = Digest('2');
    private static readonly string I386Index = Digest('3');
    private static readonly string I386Image = Digest('4');

    private static readonly BuildxCacheOptions Merge = CiOptions with { Platforms = ["linux/amd64", "linux/386"], Annotations = [new("index:org.opencontainers.image.vendor", "Acme"), new("manifest:com.example.x", "y"), new("manifest,index:com.example.both", "z")] };

    private static MergePlan Plan(BuildxCacheOptions? options = null) =>
        RunPlanner.Plan(GitLabBranch("main") with { CommitTime = DateTimeOffset.FromUnixTimeSeconds(1704180600), CommitTimeSource = "CI_COMMIT_TIMESTAMP" }, options ?? Merge, DockerHostInfo.Local, Created).Merge!;

    private static PlatformImage FanOut(string platform, string digest, string? commit = Sha, string image = Image) =>
        new(platform, image, digest, commit, ArtifactPaths.FanOut(platform));

    private static string Digest(char c) => "sha256:" + new string(c, 64);

    [Test]
    public void Merge_joins_one_image_per_platform_under_Publishs_tags_with_the_index_annotations()
    {
        var plan = Plan();
        var selection = MergePolicy.Collect(plan, [FanOut("linux/386", I386Index), FanOut("linux/amd64", Amd64Index)], []);
        var settings = plan.Create(selection.Sources.Select(source => source.Pinned));

        Assert.That(selection.Refused, Is.False, string.Join("; ", selection.Problems));
        Assert.That(settings.Sources, Is.EqualTo(new[] { $"{Image}@{Amd64Index}", $"{Image}@{I386Index}" }));
        Assert.That(settings.Tags, Is.EqualTo(new[] { $"{Image}:main", $"{Image}:{Short}", $"{Image}:latest" }));
        Assert.That(settings.Annotations, Is.EqualTo(new[] { "index:org.opencontainers.image.vendor=Acme", "index:com.example.both=z" }));
    }

    [Test]
    public void A_missing_platform_is_refused_naming_it_and_where_it_was_looked_for()
    {
        var selection = MergePolicy.Collect(Plan(), [FanOut("linux/amd64", Amd64Index)], []);

        Assert.That(selection.Refused, Is.True);
        Assert.That(selection.Sources, Is.Empty);
        Assert.That(selection.Problems[0], Does.StartWith("missing platform linux/386: no artifacts/fan-out-linux-386.json and no --platform-digest"));
    }

    [Test]
    public void A_platform_built_from_another_commit_or_for_another_image_is_refused()
    {
        var selection = MergePolicy.Collect(Plan(), [FanOut("linux/amd64", Amd64Index, commit: "0123456789abcdef0123456789abcdef01234567"), FanOut("linux/386", I386Index, image: "registry.example.com/other")], []);

        Assert.That(selection.Problems, Has.Some.StartsWith("linux/amd64: artifacts/fan-out-linux-amd64.json was built from commit 0123456789abcdef0123456789abcdef01234567, not from this commit"));
        Assert.That(selection.Problems, Has.Some.StartsWith("linux/386: artifacts/fan-out-linux-386.json is an image of registry.example.com/other"));
    }

    [Test]
    public void A_listed_digest_wins_over_the_artifact_and_merge_needs_its_platforms()
    {
        var listed = Plan(Merge with { PlatformDigests = [new("linux/386", I386Image)] });
        var selection = MergePolicy.Collect(listed, [FanOut("linux/amd64", Amd64Index), FanOut("linux/386", I386Index)], []);

        Assert.That(selection.Sources.Select(source => source.Digest), Is.EqualTo(new[] { Amd64Index, I386Image }));
        Assert.That(MergePolicy.Collect(Plan(Merge with { Platforms = [] }), [], []).Problems, Has.Some.StartsWith("no --platform"));
    }

    [Test]
    public void Plan_prints_Merge_with_where_each_digest_comes_from_only_for_several_platforms()
    {
        var run = RunPlanner.Plan(GitLabBranch("main"), Merge, DockerHostInfo.Local, Created);
        var single = RunPlanner.Plan(GitLabBranch("main"), CiOptions with { Platforms = ["linux/amd64"], FanOut = true }, DockerHostInfo.Local, Created);

        var merge = run.Tasks.Single(task => task.Heading == "Merge");
        var settings = (Cake.BuildxCache.Docker.Imagetools.ImagetoolsCreateSettings)merge.Steps[0].Settings!;
        Assert.That(settings.Sources, Is.EqualTo(new[] { $"{Image}@<digest of linux/amd64 from artifacts/fan-out-linux-amd64.json>", $"{Image}@<digest of linux/386 from artifacts/fan-out-linux-386.json>" }));
        Assert.That(single.Tasks.Select(task => task.Heading), Does.Not.Contain("Merge"));
    }

    [Test]
    public void A_reproducible_rerun_whose_image_manifests_the_tags_hold_already_moves_no_tag()
    {
        var before = Index(Digest('9'), ("linux/amd64", Amd64Image), ("linux/386", I386Image));
        var tags = Plan().Tags.Select(tag => new KeyValuePair<string, ImageIdentity?>(tag, before)).ToList();

        var change = MergePolicy.Change(Plan(), [Identity(Digest('5'), Amd64Image), Identity(Digest('6'), I386Image)], tags);

        Assert.That(change.IsUnchanged, Is.True, change.Message);
        Assert.That(change.Message, Does.StartWith("image unchanged:").And.EndWith("no tag moved"));
    }

    [Test]
    public void The_tags_move_when_an_image_changed_a_tag_is_new_or_the_image_is_not_reproducible()
    {
        var plan = Plan();
        var before = Index(Digest('9'), ("linux/amd64", Amd64Image), ("linux/386", I386Image));
        var sources = new[] { Identity(Digest('5'), Amd64Image), Identity(Digest('6'), Digest('7')) };
        var same = new[] { Identity(Digest('5'), Amd64Image), Identity(Digest('6'), I386Image) };
        List<KeyValuePair<string, ImageIdentity?>> All(ImageIdentity? identity) => [.. plan.Tags.Select(tag => new KeyValuePair<string, ImageIdentity?>(tag, identity))];

        Assert.That(MergePolicy.Change(plan, sources, All(before)).Kind, Is.EqualTo(ImageChangeKind.Changed));
        Assert.That(MergePolicy.Change(plan, same, All(null)).Kind, Is.EqualTo(ImageChangeKind.New));
        Assert.That(MergePolicy.Change(plan, same, [.. All(before).Take(2), new(plan.Tags[2], null)]).Kind, Is.EqualTo(ImageChangeKind.Changed));
        Assert.That(MergePolicy.Change(plan with { Reproducible = false }, same, All(before)).Kind, Is.EqualTo(ImageChangeKind.Changed));
    }

    [Test]
    public void The_index_read_back_must_hold_every_platforms_image_under_every_tag()
    {
        var plan = Plan();
        var sources = new KeyValuePair<PlatformImage, ImageIdentity>[]
        {
            new(FanOut("linux/amd64", Amd64Index), Identity(Amd64Index, Amd64Image)),
            new(FanOut("linux/386", I386Index), Identity(I386Index, I386Image)),
        };
        var good = Index(Digest('9'), ("linux/amd64", Amd64Image), ("linux/386", I386Image));
        var lacking = Index(Digest('8'), ("linux/amd64", Amd64Image));

        Assert.That(MergePolicy.Verify(plan, sources, [.. plan.Tags.Select(tag => new KeyValuePair<string, ImageIdentity?>(tag, good))]), Is.Empty);
        Assert.That(MergePolicy.Verify(plan, sources, [.. plan.Tags.Select(tag => new KeyValuePair<string, ImageIdentity?>(tag, lacking))]), Has.One.Contains("does not hold linux/386's image manifest"));
        Assert.That(MergePolicy.Verify(plan, sources, [new(plan.Tags[0], good), new(plan.Tags[1], lacking), new(plan.Tags[2], null)]), Has.Some.Contains("different manifests").And.Some.Contains("does not exist after the merge"));
    }

    /// <summary>A single-platform index as buildx pushes it with its attestation: one image manifest.</summary>
    private static ImageIdentity Identity(string digest, string image) => new(digest, [image], 1);

    private static ImageIdentity Index(string digest, params (string Platform, string Image)[] images) =>
        new(digest, [.. images.Select(image => image.Image).Order(StringComparer.Ordinal)], images.Length)
        {
            Platforms = [.. images.Select(image => new KeyValuePair<string, string>(image.Platform, image.Image))],
        };

    [Test]
    public void A_platform_whose_image_names_another_commit_or_none_is_refused_by_name()
    {
        var plan = Plan();
        const string Other = "0123456789abcdef0123456789abcdef01234567";

        var problems = MergePolicy.CheckRevisions(plan,
        [
            new("linux/amd64", [Sha]),
            new("linux/386", [Other]),
            new("linux/arm64", [null]),
        ]);

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"linux/386: its image's org.opencontainers.image.revision label names commit {Other}, not this commit {Sha}: rerun that platform's job for this commit",
            $"linux/arm64: its image has no org.opencontainers.image.revision label, so it cannot be shown to be this commit's ({Sha}): build it with this module's Publish --fan-out",
        }));
        Assert.That(MergePolicy.CheckRevisions(plan, [new("linux/amd64", [Sha.ToUpperInvariant()]), new("linux/386", [Sha, Sha])]), Is.Empty, "every image manifest of each platform is this commit's");
    }
}
