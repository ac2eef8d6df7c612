using System.Text.Json;
using Cake.BuildxCache.Pipeline;

namespace Cake.BuildxCache.Tests.Pipeline;

/// <summary>GitHub's step outputs: the same hand-off as build.env, in the delimiter form, with an <c>images</c> list.</summary>
public sealed class GitHubOutputsTests
{
    private const string Delimiter = "ghadelimiter_0f6f2a3e-0000-4000-8000-000000000000";

    private static readonly BuildHandOff Pushed = new(
        "ghcr.io/acme/shop",
        "sha256:496a121d1310666a55f082740e3f7b2c3b0e6ba5602fe5e595fdf21ce477938b",
        ["ghcr.io/acme/shop:main", "ghcr.io/acme/shop:0123abcd"],
        ["ghcr.io/acme/shop/cache:main"],
        "ghcr.io/acme/shop/cache:main")
    {
        ImageVerdict = BuildHandOff.Unchanged,
        ImageVerdictWhy = "image unchanged: every tag already pointed at it",
        CachePromotion = BuildHandOff.Promoted,
        CachePromotionWhy = "the first cache of the branch",
    };

    [Test]
    public void Every_value_is_written_in_the_delimiter_form_and_tags_one_per_line()
    {
        var text = GitHubOutputFile.Render(GitHubOutputs.Of(Pushed), Delimiter);

        Assert.That(text, Is.EqualTo($$"""
            image<<{{Delimiter}}
            ghcr.io/acme/shop
            {{Delimiter}}
            digest<<{{Delimiter}}
            sha256:496a121d1310666a55f082740e3f7b2c3b0e6ba5602fe5e595fdf21ce477938b
            {{Delimiter}}
            tags<<{{Delimiter}}
            ghcr.io/acme/shop:main
            ghcr.io/acme/shop:0123abcd
            {{Delimiter}}
            cache-ref<<{{Delimiter}}
            ghcr.io/acme/shop/cache:main
            {{Delimiter}}
            image-verdict<<{{Delimiter}}
            unchanged
            {{Delimiter}}
            cache-promotion<<{{Delimiter}}
            promoted
            {{Delimiter}}
            images<<{{Delimiter}}
            [{"image":"ghcr.io/acme/shop","digest":"sha256:496a121d1310666a55f082740e3f7b2c3b0e6ba5602fe5e595fdf21ce477938b","tags":["ghcr.io/acme/shop:main","ghcr.io/acme/shop:0123abcd"],"cache-ref":"ghcr.io/acme/shop/cache:main","image-verdict":"unchanged","cache-promotion":"promoted"}]
            {{Delimiter}}

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void What_a_build_did_not_do_is_left_out_and_the_images_list_keeps_its_shape()
    {
        var loaded = Pushed with { Digest = null, CacheTo = null, ImageVerdict = null, CachePromotion = null };

        var outputs = GitHubOutputs.Of(loaded).Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);

        Assert.That(outputs.Keys, Is.EqualTo(new[] { "image", "tags", "images" }));
        using var images = JsonDocument.Parse(outputs["images"]!);
        var image = images.RootElement.EnumerateArray().Single();
        Assert.That(image.GetProperty("image").GetString(), Is.EqualTo("ghcr.io/acme/shop"));
        Assert.That(image.GetProperty("digest").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(image.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()), Is.EqualTo(loaded.Tags));
        Assert.That(image.GetProperty("image-verdict").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void A_value_cannot_end_its_block_early()
    {
        Assert.That(
            () => GitHubOutputFile.Render([new("image", "app\n" + Delimiter + "\nevil<<x")], Delimiter),
            Throws.ArgumentException.With.Message.Contains("holds the delimiter"));
        Assert.That(() => GitHubOutputFile.Render([new("a<<b", "x")], Delimiter), Throws.ArgumentException);
    }

    [Test]
    public void Each_run_has_its_own_delimiter()
    {
        var first = GitHubOutputFile.NewDelimiter();
        var second = GitHubOutputFile.NewDelimiter();

        Assert.That(first, Does.Match("^ghadelimiter_[0-9a-f-]{36}$"));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void The_verdict_and_the_promotion_go_to_build_env_and_the_job_summary_too()
    {
        var env = BuildEnvFile.Render(Pushed).Split('\n');
        var summary = JobSummary.Render(Pushed, report: null);

        Assert.That(env, Has.Member("IMAGE_VERDICT=unchanged").And.Member("CACHE_PROMOTION=promoted"));
        Assert.That(summary, Does.Contain("- image: **unchanged** — image unchanged: every tag already pointed at it\n"));
        Assert.That(summary, Does.Contain("- cache promotion: **promoted** — the first cache of the branch\n"));
    }
}
