using Cake.BuildxCache.Pipeline;

namespace Cake.BuildxCache.Tests.Pipeline;

public sealed class BuildEnvFileTests
{
    private static readonly BuildHandOff Pushed = new(
        "registry.gitlab.com/acme/shop",
        "sha256:301c024fb5e9588552297a7ccf5b0b36edb7c1ec7adf9accc24e20d4c8f4a077",
        ["registry.gitlab.com/acme/shop:feature-add-cache", "registry.gitlab.com/acme/shop:01234567"],
        ["registry.gitlab.com/acme/shop/cache:feature-add-cache", "registry.gitlab.com/acme/shop/cache:main"],
        "registry.gitlab.com/acme/shop/cache:feature-add-cache");

    [Test]
    public void A_pushed_build_hands_over_image_digest_tags_and_cache_ref()
    {
        Assert.That(BuildEnvFile.Render(Pushed), Is.EqualTo("""
            IMAGE=registry.gitlab.com/acme/shop
            IMAGE_DIGEST=sha256:301c024fb5e9588552297a7ccf5b0b36edb7c1ec7adf9accc24e20d4c8f4a077
            IMAGE_TAGS=feature-add-cache,01234567
            CACHE_REF=registry.gitlab.com/acme/shop/cache:feature-add-cache

            """));
    }

    [Test]
    public void Several_images_hand_on_each_result_under_names_of_the_image_in_one_file()
    {
        var api = Pushed with { ImageName = "api-v2" };
        var worker = Pushed with { Image = "registry.gitlab.com/acme/shop/worker", Digest = "sha256:aaaa", ImageName = "worker", CacheTo = null };

        Assert.That(BuildEnvFile.Render([api, worker]), Is.EqualTo("""
            IMAGE_API_V2=registry.gitlab.com/acme/shop
            IMAGE_DIGEST_API_V2=sha256:301c024fb5e9588552297a7ccf5b0b36edb7c1ec7adf9accc24e20d4c8f4a077
            IMAGE_TAGS_API_V2=feature-add-cache,01234567
            CACHE_REF_API_V2=registry.gitlab.com/acme/shop/cache:feature-add-cache
            IMAGE_WORKER=registry.gitlab.com/acme/shop/worker
            IMAGE_DIGEST_WORKER=sha256:aaaa
            IMAGE_TAGS_WORKER=feature-add-cache,01234567

            """));
    }

    [Test]
    public void A_prefix_goes_before_every_name()
    {
        Assert.That(BuildEnvFile.Render(Pushed, "BUILDX_").Split('\n')[0], Is.EqualTo("BUILDX_IMAGE=registry.gitlab.com/acme/shop"));
    }

    [Test]
    public void What_a_build_did_not_produce_is_left_out()
    {
        var loaded = Pushed with { Digest = null, CacheTo = null, Tags = [] };

        Assert.That(BuildEnvFile.Render(loaded), Is.EqualTo("IMAGE=registry.gitlab.com/acme/shop\n"));
    }

    [Test]
    public void Tags_on_a_registry_with_a_port_and_duplicates_give_tag_names_once()
    {
        var handOff = Pushed with { Tags = ["127.0.0.1:5000/sample/app:fx22716", "127.0.0.1:5000/sample/app:fx22716", "127.0.0.1:5000/sample/app:latest"] };

        Assert.That(handOff.TagNames, Is.EqualTo(new[] { "fx22716", "latest" }));
        Assert.That(handOff.PinnedImage, Is.EqualTo("registry.gitlab.com/acme/shop@sha256:301c024fb5e9588552297a7ccf5b0b36edb7c1ec7adf9accc24e20d4c8f4a077"));
    }

    [Test]
    public void Values_and_quotes_are_written_as_they_are()
    {
        Assert.That(DotenvFile.Render([new("A", "x=y \"quoted\" 'single' #not-a-comment $NOT_EXPANDED")]), Is.EqualTo("A=x=y \"quoted\" 'single' #not-a-comment $NOT_EXPANDED\n"));
    }

    [Test]
    public void Every_value_gitlab_cannot_hold_is_refused_at_once()
    {
        var error = Assert.Throws<DotenvException>(() => DotenvFile.Render([
            new("IMAGE", "a\nb"),
            new("DIGEST", "a\rb"),
            new("TAGS", " padded"),
            new("BAD-KEY", "x"),
            new("1ST", "x"),
            new("IMAGE", "again"),
        ]));

        Assert.That(error!.Problems, Is.EqualTo(new[]
        {
            "IMAGE: a value cannot hold a line break (GitLab reads one variable per line)",
            "DIGEST: a value cannot hold a line break (GitLab reads one variable per line)",
            "TAGS: a value cannot start or end with whitespace (GitLab strips it)",
            "key 'BAD-KEY' must be ASCII letters, digits and _ (not starting with a digit), at most 255 characters",
            "key '1ST' must be ASCII letters, digits and _ (not starting with a digit), at most 255 characters",
            "key 'IMAGE' is given twice",
        }));
        Assert.That(error.Message, Does.StartWith("The dotenv report cannot be written (6 problems):\n  - IMAGE: a value cannot hold a line break"));
    }

    [Test]
    public void More_than_twenty_variables_are_refused()
    {
        var variables = Enumerable.Range(1, 21).Select(i => new KeyValuePair<string, string?>("V" + i, "x"));

        var error = Assert.Throws<DotenvException>(() => DotenvFile.Render(variables));

        Assert.That(error!.Message, Is.EqualTo("The dotenv report cannot be written: 21 variables: GitLab accepts at most 20 by default"));
    }

    [Test]
    public void A_file_of_5_KB_or_more_is_refused_counting_utf8_bytes()
    {
        // "K=" + value + "\n": 5119 bytes pass, 5120 do not; "é" is two bytes.
        Assert.That(DotenvFile.Render([new("K", new string('x', 5116))]), Has.Length.EqualTo(5119));
        var error = Assert.Throws<DotenvException>(() => DotenvFile.Render([new("K", new string('x', 5115) + "é")]));
        Assert.That(error!.Message, Is.EqualTo("The dotenv report cannot be written: 5120 bytes: GitLab accepts a file smaller than 5120 bytes by default"));
    }

    [Test]
    public void The_exception_reads_well_with_any_number_of_problems()
    {
        Assert.That(new DotenvException().Message, Is.EqualTo("The dotenv report cannot be written."));
        Assert.That(new DotenvException("too big").Problems, Is.EqualTo(new[] { "too big" }));
    }
}
