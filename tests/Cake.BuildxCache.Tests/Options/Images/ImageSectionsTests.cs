using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Options.Images;

/// <summary>
/// Images declared in cake.config, one <c>[Buildx.Image.NAME]</c> section each, read with the catalog's own option keys:
/// Cake's configuration (either host) turns the section and key into <c>Buildx.Image.api_Dockerfile</c>.
/// </summary>
public sealed class ImageSectionsTests
{
    private const string File = """
        [Buildx]
        Image=registry.example.com/shop
        BuildArg.NODE_VERSION=22

        [Buildx.Image.api]
        Dockerfile=api/Dockerfile
        Context=.
        Stage=runtime
        BuildArg.SERVICE_NAME=api
        Tag=stable,v1

        [Buildx.Image.my_worker]
        Image=registry.example.com/shop/worker
        Dockerfile=worker/Dockerfile
        Platform=linux/amd64,linux/arm64
        BuildArg.NODE_VERSION=20
        """;

    [TestCase("official runner")]
    [TestCase("our host")]
    public void Each_section_is_an_image_read_under_either_host(string host)
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", File);
        var hosts = new ConfigHosts(directory.Path);

        var options = hosts.ReadOptions(host == "our host" ? hosts.OurHost() : hosts.OfficialRunner());

        Assert.That(options.ReadProblems, Is.Empty);
        Assert.That(options.Images.Select(image => image.Name), Is.EqualTo(new[] { "api", "my_worker" }));
        var api = options.Images[0];
        var worker = options.Images[1];
        Assert.Multiple(() =>
        {
            Assert.That(api.Image, Is.EqualTo("registry.example.com/shop/api"), "no Image=: under the run's image");
            Assert.That(api.Dockerfile, Is.EqualTo("api/Dockerfile"));
            Assert.That(api.Target, Is.EqualTo("runtime"));
            Assert.That(api.BuildArgs, Is.EquivalentTo(new Dictionary<string, string> { ["SERVICE_NAME"] = "api" }));
            Assert.That(api.Tags, Is.EqualTo(new[] { "stable", "v1" }));
            Assert.That(api.Origin, Is.EqualTo("cake.config [Buildx.Image.api]"));
            Assert.That(worker.Image, Is.EqualTo("registry.example.com/shop/worker"));
            Assert.That(worker.Context, Is.EqualTo("."), "the catalog's default");
            Assert.That(worker.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/arm64" }));
            Assert.That(worker.BuildArgs, Is.EquivalentTo(new Dictionary<string, string> { ["NODE_VERSION"] = "20" }));
            Assert.That(options.BuildArgs.Single().Key, Is.EqualTo("NODE_VERSION"), "the run's own build argument stays the run's");
        });
    }

    [Test]
    public void A_key_an_image_does_not_take_is_refused_naming_the_section_and_the_key()
    {
        var options = new OptionSourcesBuilder()
            .Config("Buildx_Image", "registry.example.com/shop")
            .Config("Buildx.Image.api_Dockerfile", "api/Dockerfile")
            .Config("Buildx.Image.api_Push", "true")
            .Read();

        Assert.That(options.ReadProblems.Single().Message, Does.StartWith("[Buildx.Image.api] (from configuration Buildx.Image.api_Push): has the key 'Push', which an image section does not take"));
    }

    [Test]
    public void A_value_that_does_not_read_names_the_sections_key()
    {
        var options = new OptionSourcesBuilder()
            .Config("Buildx_Image", "registry.example.com/shop")
            .Config("Buildx.Image.api_Tag", "a b")
            .Read();

        Assert.That(options.ReadProblems.Single().Message, Does.StartWith("[Buildx.Image.api] 'a b' (from configuration Buildx.Image.api_Tag): tag holds whitespace"));
    }

    [TestCase("Api")]
    [TestCase("-api")]
    public void A_name_that_cannot_be_a_target_and_a_scope_is_refused(string name)
    {
        var options = new OptionSourcesBuilder()
            .Config("Buildx_Image", "registry.example.com/shop")
            .Config($"Buildx.Image.{name}_Dockerfile", "api/Dockerfile")
            .Read();

        Assert.That(options.ReadProblems.Single().Message, Does.StartWith($"[Buildx.Image.{name}]: is not an image name"));
        Assert.That(options.Images, Is.Empty);
    }

    [Test]
    public void Without_Image_and_without_a_run_image_the_section_says_how_to_name_it()
    {
        var options = new OptionSourcesBuilder().Config("Buildx.Image.api_Dockerfile", "api/Dockerfile").Read();

        Assert.That(options.ReadProblems.Single().Message, Does.Contain("[Buildx.Image.api]: has no Image="));
    }
}
