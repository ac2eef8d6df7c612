using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Policy;

namespace Cake.BuildxCache.Tests.Pipeline;

public sealed class BuildHandOffTests
{
    [Test]
    public void A_gitlab_feature_branch_plan_and_its_metadata_hand_over_everything()
    {
        var plan = BuildPlanner.Plan(Scenarios.GitLabBranch("feature/Add-Cache"), Scenarios.CiOptions, Scenarios.Created);
        var metadata = new BuildMetadata { Digest = "sha256:abc" };

        var handOff = BuildHandOff.From(plan, metadata);

        Assert.That(handOff, Is.EqualTo(new BuildHandOff(
            Scenarios.Image,
            "sha256:abc",
            plan.Tags,
            [Scenarios.Cache + ":feature-add-cache", Scenarios.Cache + ":main"],
            Scenarios.Cache + ":feature-add-cache")).Using<BuildHandOff>(Same));
        Assert.That(BuildEnvFile.Render(handOff), Is.EqualTo(
            "IMAGE=registry.example.com/group/app\n"
            + "IMAGE_DIGEST=sha256:abc\n"
            + "IMAGE_TAGS=feature-add-cache," + Scenarios.Short + "\n"
            + "CACHE_REF=registry.example.com/group/app/cache:feature-add-cache\n"));
    }

    [Test]
    public void A_fork_merge_request_writes_no_cache_and_without_metadata_has_no_digest()
    {
        var plan = BuildPlanner.Plan(Scenarios.GitLabMergeRequest("fix", "main", fork: true), Scenarios.CiOptions, Scenarios.Created);

        var handOff = BuildHandOff.From(plan, metadata: null);

        Assert.That((handOff.Digest, handOff.CacheTo, handOff.PinnedImage), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
    }

    [Test]
    public void A_same_image_push_whose_tags_went_back_hands_on_the_index_the_tags_hold()
    {
        var plan = BuildPlanner.Plan(Scenarios.GitLabBranch("main"), Scenarios.CiOptions, Scenarios.Created);
        var metadata = new BuildMetadata { Digest = "sha256:new" };
        var sameImage = new ImageChange(ImageChangeKind.SameImage, "sha256:new", [.. plan.Tags.Select(tag => new KeyValuePair<string, string>(tag, "sha256:old"))], "image unchanged");

        var putBack = BuildHandOff.From(plan, metadata, sameImage with { TaggedDigest = "sha256:old" });
        var leftOnNew = BuildHandOff.From(plan, metadata, sameImage);

        Assert.That((putBack.Digest, putBack.PinnedImage), Is.EqualTo(("sha256:old", Scenarios.Image + "@sha256:old")));
        Assert.That(leftOnNew.Digest, Is.EqualTo("sha256:new"));
    }

    private static bool Same(BuildHandOff a, BuildHandOff b) =>
        a.Image == b.Image && a.Digest == b.Digest && a.CacheTo == b.CacheTo
        && a.Tags.SequenceEqual(b.Tags) && a.CacheFrom.SequenceEqual(b.CacheFrom);
}
