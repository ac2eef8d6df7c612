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
        var options = CiOptions with { PruneRegistry = true, CacheRepo = "r.example.com/shop/cache" };
        var prune = RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created).RegistryPrune! with
        {
            Images = ImagePruneTargets.Of(Declared, null, options),
        };

        var lines = prune.Steps.Select(step => step.When).ToList();

        Assert.That(prune.Parts().Select(part => part.Name), Is.EqualTo(new[] { "api", "api-v2", "worker" }));
        Assert.That(lines[0], Is.EqualTo("registry prune: dry run of r.example.com/shop/cache (add --confirm to delete)"));
        Assert.That(lines, Does.Contain("  image api: the tags of r.example.com/shop/cache that end '-api' (never those of api-v2, worker), by these rules"));
    }

    private static ImageDeclaration Declare(string name) =>
        new(name, "Dockerfile", ".", null, "r.example.com/shop/" + name, ImmutableSortedDictionary<string, string>.Empty, [], [], "test " + name);
}
