using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Options;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>Several images declared in cake.config: one <see cref="ImageBuild"/> each, planned by the same policies as one image.</summary>
[TestFixture]
public sealed class SeveralImagesPlanTests
{
    private static OptionSourcesBuilder TwoImages() => new OptionSourcesBuilder()
        .Config("Buildx_Image", "registry.example.com/shop")
        .Config("Buildx_CacheRepo", "registry.example.com/shop/cache")
        .Config("Buildx.Image.api_Dockerfile", "api/Dockerfile")
        .Config("Buildx.Image.worker_Dockerfile", "worker/Dockerfile")
        .Config("Buildx.Image.worker_Stage", "runtime");

    [Test]
    public void Each_image_gets_its_own_cache_refs_scoped_by_its_name_with_the_whole_fallback_chain()
    {
        var options = TwoImages().Read();

        var plan = RunPlanner.Plan(GitLabMergeRequest("feature/x", "develop"), options, DockerHostInfo.Local, Created);

        Assert.That(plan.Images.Select(image => image.Name), Is.EqualTo(new[] { "api", "worker" }));
        var api = plan.Images[0].Build;
        var worker = plan.Images[1].Build;
        Assert.Multiple(() =>
        {
            Assert.That(api.CacheFrom.Select(spec => spec.Ref), Is.EqualTo(new[]
            {
                "registry.example.com/shop/cache:feature-x-api",
                "registry.example.com/shop/cache:develop-api",
                "registry.example.com/shop/cache:main-api",
            }));
            Assert.That(worker.CacheTo?.Ref, Is.EqualTo("registry.example.com/shop/cache:feature-x-worker-runtime"));
            Assert.That(worker.CacheScope.Reason, Does.Contain("[Buildx.Image.worker]"));
            Assert.That(api.Dockerfile, Is.EqualTo("api/Dockerfile"));
            Assert.That(worker.Target, Is.EqualTo("runtime"));
            Assert.That(api.Tags, Has.All.StartWith("registry.example.com/shop/api:"));
            Assert.That(worker.Tags, Has.All.StartWith("registry.example.com/shop/worker:"));
            Assert.That(api.Labels.Single(label => label.Key == "org.opencontainers.image.revision").Value, Is.EqualTo(worker.Labels.Single(label => label.Key == "org.opencontainers.image.revision").Value));
        });
    }

    [Test]
    public void Without_image_sections_the_run_plans_its_one_image_as_before()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);

        Assert.That(plan.Images, Has.Count.EqualTo(1));
        Assert.That(plan.Build.CacheTo?.Ref, Does.Not.Contain("-app"));
    }

    [Test]
    public void The_image_filter_plans_a_subset()
    {
        var options = TwoImages().Arg("image-filter", "worker").Read();

        var plan = RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created);

        Assert.That(plan.Images.Select(image => image.Name), Is.EqualTo(new[] { "worker" }));
        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: false), Is.Empty);
    }

    [Test]
    public void An_unknown_name_in_the_image_filter_is_refused_listing_the_declared_names()
    {
        var options = TwoImages().Arg("image-filter", "api,web").Read();

        Assert.That(
            BuildxCacheOptionsValidator.Validate(options, isCI: false).Select(problem => problem.Message),
            Has.Some.StartsWith("image-filter 'web' (from --image-filter): names no declared image; the declared images are api, worker"));
    }

    [Test]
    public void An_image_filter_without_image_sections_is_refused()
    {
        var options = new OptionSourcesBuilder().Config("Buildx_Image", "registry.example.com/shop").Arg("image-filter", "api").Read();

        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: false).Select(problem => problem.Message), Has.Some.Contains("there are none"));
    }

    [Test]
    public void A_problem_of_one_image_is_reported_with_its_origin()
    {
        var options = TwoImages().Config("Buildx.Image.worker_Platform", "linux/amd64/v9/x").Read();

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: false);

        Assert.That(problems.Select(problem => problem.Message), Has.Some.Contains("from configuration Buildx.Image.worker"));
    }

    [Test]
    public void Two_images_pushing_one_tag_are_refused_naming_both_sections()
    {
        var options = TwoImages()
            .Config("Buildx.Image.api_Image", "registry.example.com/shop/app")
            .Config("Buildx.Image.worker_Image", "registry.example.com/shop/app")
            .Read();

        var problems = ImagePlanChecks.Check(RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created)).ToList();

        Assert.That(problems.Single().Message, Does.StartWith("[Buildx.Image.api] and [Buildx.Image.worker]: push the same tag registry.example.com/shop/app:main"));
    }

    [Test]
    public void Two_images_whose_names_hand_on_under_one_variable_are_refused_naming_both_sections()
    {
        // api-v2 and api_v2 both hand their digest on as IMAGE_DIGEST_API_V2.
        var options = new OptionSourcesBuilder()
            .Config("Buildx_Image", "registry.example.com/shop")
            .Config("Buildx.Image.api-v2_Dockerfile", "Dockerfile")
            .Config("Buildx.Image.api_v2_Dockerfile", "Dockerfile")
            .Read();

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: false).Select(problem => problem.Message).ToList();

        Assert.That(problems, Has.Some.Contains("cake.config [Buildx.Image.api-v2], cake.config [Buildx.Image.api_v2]").And.Some.Contains("IMAGE_DIGEST_API_V2"), string.Join("\n", problems));
    }

    [Test]
    public void An_image_whose_cache_ref_is_another_images_is_refused()
    {
        // The image "api" at the stage "x" and the image "api-x" share the scope "api-x".
        var options = new OptionSourcesBuilder()
            .Config("Buildx_Image", "registry.example.com/shop")
            .Config("Buildx_CacheRepo", "registry.example.com/shop/cache")
            .Config("Buildx.Image.api_Stage", "x")
            .Config("Buildx.Image.api-x_Dockerfile", "Dockerfile")
            .Read();

        var problems = ImagePlanChecks.Check(RunPlanner.Plan(GitLabBranch("main"), options, DockerHostInfo.Local, Created)).ToList();

        Assert.That(problems.Single().Message, Does.StartWith("[Buildx.Image.api] and [Buildx.Image.api-x]: use the same cache ref registry.example.com/shop/cache:main-api-x"));
    }

    [Test]
    public void Images_with_their_own_repositories_and_scopes_pass()
    {
        var problems = ImagePlanChecks.Check(RunPlanner.Plan(GitLabBranch("main"), TwoImages().Read(), DockerHostInfo.Local, Created));

        Assert.That(problems, Is.Empty);
    }
}
