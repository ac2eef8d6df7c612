using System.Collections.Immutable;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Options.Images;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>The registry prune of several images: each image's repository and scope, and the other scopes it must leave alone.</summary>
public sealed class ImagePruneTargetsTests
{
    private static readonly ImageDeclaration[] Declared = [Declare("api"), Declare("api-v2"), Declare("worker")];

    [Test]
    public void With_one_cache_repository_each_image_knows_every_other_image_s_scope_even_those_left_out()
    {
        var targets = ImagePruneTargets.Of(Declared, ["api"], new BuildxCacheOptions { CacheRepo = "r.example.com/shop/cache" });

        var api = targets.Single();
        Assert.That((api.Name, api.Repository, api.ImageRepository), Is.EqualTo(("api", "r.example.com/shop/cache", "r.example.com/shop/api")));
        Assert.That(api.Scopes!.Own, Is.EqualTo("api"));
        Assert.That(api.Scopes.Others, Is.EqualTo(new[] { "api-v2", "worker" }));
    }

    [Test]
    public void Without_cache_repo_each_image_prunes_its_own_image_cache_repository_and_no_other_scope_shares_it()
    {
        var targets = ImagePruneTargets.Of(Declared, null, new BuildxCacheOptions());

        Assert.That(targets.Select(target => (target.Repository, target.Scopes!.Own, target.Scopes.Others.Length)), Is.EqualTo(new[]
        {
            ("r.example.com/shop/api/cache", "api", 0),
            ("r.example.com/shop/api-v2/cache", "api-v2", 0),
            ("r.example.com/shop/worker/cache", "worker", 0),
        }));
    }

    [Test]
    public void An_image_s_whole_scope_from_its_plan_is_matched_and_the_others_whole_scopes_are_left_alone()
    {
        var targets = ImagePruneTargets.Of(Declared, null, new BuildxCacheOptions { CacheRepo = "r.example.com/shop/cache" }, image => image.Name + "-linux-386");

        var api = targets[0].Scopes!;
        Assert.That((api.Own, string.Join(",", api.Others)), Is.EqualTo(("api-linux-386", "api-v2-linux-386,worker-linux-386")));
        Assert.That(api.BranchPartOf("feature-x-api-linux-386", out _), Is.EqualTo("feature-x"));
        Assert.That(api.BranchPartOf("feature-x-api-v2-linux-386", out _), Is.Null);
    }

    [Test]
    public void Plan_says_which_tags_each_image_s_prune_goes_over()
    {
        var options = CiOptions with { PruneRegistry = true, CacheRepo = "r.example.com/shop/cache", Images = Declared };
        var prune = RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created).RegistryPrune!;

        var lines = prune.Steps.Select(step => step.When).ToList();

        Assert.That(prune.Parts().Select(part => part.Name), Is.EqualTo(new[] { "api", "api-v2", "worker" }));
        Assert.That(lines[0], Is.EqualTo("registry prune: dry run of r.example.com/shop/cache (add --confirm to delete)"));
        Assert.That(lines, Does.Contain("  image api: the tags of r.example.com/shop/cache that end '-api' (never those of api-v2, worker), by these rules"));
    }

    [Test]
    public void The_planner_prunes_each_image_by_the_scope_and_repository_its_build_writes_and_an_image_filter_narrows_only_what_is_pruned()
    {
        ImageDeclaration[] declared = [Declare("api") with { Target = "api" }, Declare("jobs"), Declare("worker") with { Target = "worker", Platforms = ["linux/arm64"] }];
        var options = CiOptions with { PruneRegistry = true, Images = declared };
        var plan = RunPlanner.Plan(GitLabBranch("feature/x"), options, DockerHostInfo.Local, Created);
        var filtered = RunPlanner.Plan(GitLabBranch("feature/x"), options with { ImageFilter = ["worker"] }, DockerHostInfo.Local, Created).RegistryPrune!;

        var parts = plan.RegistryPrune!.Parts();

        Assert.That(parts.Select(part => (part.Name, part.Repository, part.Scopes!.Own)), Is.EqualTo(new[]
        {
            ("api", "r.example.com/shop/api/cache", "api-api"),
            ("jobs", "r.example.com/shop/jobs/cache", "jobs"),
            ("worker", "r.example.com/shop/worker/cache", "worker-worker-linux-arm64"),
        }));
        foreach (var (part, image) in parts.Zip(plan.Images))
        {
            Assert.That(image.Publish.CacheTo!.Ref, Is.EqualTo($"{part.Repository}:feature-x-{part.Scopes!.Own}"), "the prune's scope is the one the build writes");
        }

        Assert.That(filtered.Parts().Select(part => part.Name), Is.EqualTo(new[] { "worker" }));
    }

    [Test]
    public void Without_image_sections_the_prune_goes_over_the_one_image_s_cache_repository_whole()
    {
        var prune = RunPlanner.Plan(GitLabBranch("main"), CiOptions with { PruneRegistry = true }, DockerHostInfo.Local, Created).RegistryPrune!;

        Assert.That(prune.Parts().Select(part => (part.Repository, part.Scopes)), Is.EqualTo(new[] { (Cache, (ImageTagScopes?)null) }));
    }

    private static ImageDeclaration Declare(string name) =>
        new(name, "Dockerfile", ".", null, "r.example.com/shop/" + name, ImmutableSortedDictionary<string, string>.Empty, [], [], "test " + name);
}
