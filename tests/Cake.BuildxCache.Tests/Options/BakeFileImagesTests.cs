using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// The bake file's targets as images, over what the real buildx 0.36.1 printed for the files in
/// <c>Fixtures/buildx-0.36.1/bake/input</c> (<c>capture.sh</c> there makes them again).
/// </summary>
public sealed class BakeFileImagesTests
{
    private static PrintedBakeDefinition Printed(string name) => PrintedBakeDefinition.Parse(Fixtures.Text("bake/" + name, Fixtures.Buildx0361));

    [Test]
    public void Each_target_of_an_hcl_file_is_an_image_with_its_context_dockerfile_stage_args_and_platforms()
    {
        var readout = BakeFileImages.Map(Printed("print-hcl-default.json"), ["docker-bake.hcl"]);

        Assert.That(readout.Problems, Is.Empty);
        var api = readout.Images.Single(image => image.Name == "api");
        var worker = readout.Images.Single(image => image.Name == "worker");
        Assert.Multiple(() =>
        {
            Assert.That(readout.Images.Select(image => image.Name), Is.EqualTo(new[] { "api", "worker" }));
            Assert.That(api.Context, Is.EqualTo("api"));
            Assert.That(api.Dockerfile, Is.EqualTo("api/Dockerfile"), "bake takes dockerfile relative to the context");
            Assert.That(api.Target, Is.EqualTo("runtime"));
            Assert.That(api.Image, Is.EqualTo("registry.example.com/shop/api"));
            Assert.That(api.BuildArgs, Is.EqualTo(new Dictionary<string, string> { ["NODE_VERSION"] = "22" }), "inherited from base");
            Assert.That(api.Platforms, Is.EqualTo(new[] { "linux/amd64" }));
            Assert.That(api.Tags, Is.Empty, "the run's tag rules tag the image");
            Assert.That(api.Origin, Is.EqualTo("docker-bake.hcl target api"));
            Assert.That(worker.Dockerfile, Is.EqualTo("worker/worker.Dockerfile"));
            Assert.That(worker.Target, Is.Null);
            Assert.That(worker.Image, Is.EqualTo("registry.example.com/shop/worker"), "two tags of one repository");
            Assert.That(worker.BuildArgs.Keys, Is.EqualTo(new[] { "NODE_VERSION", "QUEUE" }));
            Assert.That(worker.Platforms, Is.Empty);
        });
    }

    [Test]
    public void Only_the_targets_asked_for_are_images()
    {
        var readout = BakeFileImages.Map(Printed("print-hcl-api.json"), ["docker-bake.hcl"]);

        Assert.That(readout.Images.Select(image => image.Name), Is.EqualTo(new[] { "api" }));
    }

    [Test]
    public void A_compose_file_maps_like_an_hcl_file()
    {
        var readout = BakeFileImages.Map(Printed("print-compose.json"), ["compose.yaml"]);

        Assert.That(readout.Problems, Is.Empty);
        Assert.That(readout.Images.Select(image => (image.Name, image.Image, image.Dockerfile, image.Target)), Is.EqualTo(new[]
        {
            ("api", "registry.example.com/shop/api", "api/Dockerfile", (string?)"runtime"),
            ("worker", "registry.example.com/shop/worker", "worker/worker.Dockerfile", null),
        }));
    }

    [Test]
    public void A_target_that_sets_its_own_cache_or_output_or_has_no_tags_is_refused_naming_the_file_target_and_attribute()
    {
        var readout = BakeFileImages.Map(Printed("print-own-cache.json"), ["owncache.hcl"]);

        Assert.That(readout.Images, Is.Empty);
        Assert.That(readout.Problems.Length, Is.EqualTo(4));
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'api' sets cache-from (type=registry,ref=registry.example.com/shop/api:buildcache)"));
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'api' sets cache-to (type=registry,").And.Some.Contains("mode=max"));
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'api' sets output (type=registry)"));
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'worker' has no tags"));
    }

    [Test]
    public void Tags_in_two_repositories_a_name_the_module_cannot_use_and_an_inline_dockerfile_are_refused()
    {
        var definition = PrintedBakeDefinition.Parse("""
            {"target": {
              "Api": {"context": ".", "tags": ["r.example.com/a:1"]},
              "two": {"tags": ["r.example.com/a:1", "r.example.com/b:1"]},
              "inline": {"dockerfile-inline": "FROM scratch", "tags": ["r.example.com/c"]}
            }}
            """);

        var readout = BakeFileImages.Map(definition, ["a.hcl", "b.hcl"]);

        Assert.That(readout.Images, Is.Empty);
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'Api': the name is the image's name and cache scope"));
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'two' tags 2 repositories (r.example.com/a, r.example.com/b)"));
        Assert.That(readout.Problems, Has.Some.StartsWith("target 'inline' sets dockerfile-inline"));
    }

    [TestCase(null, null, "Dockerfile")]
    [TestCase(".", "app.Dockerfile", "app.Dockerfile")]
    [TestCase("src/api/", "Dockerfile", "src/api/Dockerfile")]
    [TestCase("api", "/abs/Dockerfile", "/abs/Dockerfile")]
    [TestCase("https://github.com/o/r.git", "Dockerfile", "Dockerfile")]
    public void The_dockerfile_is_read_under_the_context(string? context, string? dockerfile, string expected) =>
        Assert.That(BakeFileImages.DockerfilePath(context, dockerfile), Is.EqualTo(expected));

    [Test]
    public void A_missing_target_is_named_with_the_targets_the_file_has()
    {
        var (lines, exitCode) = Fixtures.Captured("bake/print-unknown-target.txt", Fixtures.Buildx0361);

        var missing = BakeFileFailure.MissingTarget(lines);
        var message = BakeFileFailure.UnknownTarget(missing!, Fixtures.Text("bake/list-targets.json", Fixtures.Buildx0361));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(message, Is.EqualTo("the file has no target or group 'nope' (it has: api, base, default (group), worker): name the targets to build with --bake-target"));
    }

    [Test]
    public void A_file_without_a_default_group_says_so()
    {
        var (lines, _) = Fixtures.Captured("bake/print-no-default.txt", Fixtures.Buildx0361);

        Assert.That(BakeFileFailure.UnknownTarget(BakeFileFailure.MissingTarget(lines)!, null), Is.EqualTo("the file has no 'default' group: name the targets to build with --bake-target"));
    }

    [Test]
    public void A_file_that_does_not_parse_gives_buildx_own_error_line_with_the_file_named()
    {
        var (lines, _) = Fixtures.Captured("bake/print-broken.txt", Fixtures.Buildx0361);

        Assert.Multiple(() =>
        {
            Assert.That(BakeFileFailure.MissingTarget(lines), Is.Null);
            Assert.That(BakeFileFailure.Unreadable(lines), Is.EqualTo("docker buildx bake cannot read it: broken.hcl:2,13-3,1: Invalid expression; Expected the start of an expression, but found an invalid expression token."));
        });
    }

    [Test]
    public void Printed_text_that_is_not_a_definition_is_a_format_error() =>
        Assert.That(() => PrintedBakeDefinition.Parse("#1 [internal] load local bake definitions"), Throws.TypeOf<FormatException>());
}
