using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary><c>--buildkit-image</c>: the image a container builder runs, pinned to the tested BuildKit by default.</summary>
public sealed class BuildkitImageTests
{
    [TestCase("docker-container", "moby/buildkit:v0.32.2")]
    [TestCase("kubernetes", "moby/buildkit:v0.32.2")]
    [TestCase("remote", null)]
    [TestCase("docker", null)]
    public void Container_drivers_run_the_pinned_BuildKit_by_default(string driver, string? image)
    {
        var plan = BuilderPolicy.Plan(new BuildxCacheOptions { BuilderDriver = driver }, DockerHostInfo.Local);

        Assert.That(plan.DriverOptions.Where(pair => pair.Key == "image").Select(pair => pair.Value).SingleOrDefault(), Is.EqualTo(image));
    }

    [Test]
    public void The_option_is_read_like_any_other_and_a_driver_opt_image_wins()
    {
        var options = BuildxCacheOptionsReader.Read(OptionSources.From(environment: new Dictionary<string, string> { ["BUILDX_BUILDKIT_IMAGE"] = "registry.example.com/mirror/buildkit:v0.32.2" }));
        var byHand = options with { DriverOpts = [new("image", "local/buildkit:dev")] };

        Assert.That(BuilderPolicy.Plan(options, DockerHostInfo.Local).DriverOptions, Is.EqualTo(new KeyValuePair<string, string>[] { new("image", "registry.example.com/mirror/buildkit:v0.32.2") }));
        Assert.That(BuilderPolicy.Plan(byHand, DockerHostInfo.Local).DriverOptions, Is.EqualTo(new KeyValuePair<string, string>[] { new("image", "local/buildkit:dev") }));
    }
}
