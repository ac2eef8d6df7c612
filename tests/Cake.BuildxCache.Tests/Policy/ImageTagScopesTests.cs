using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>Which image of a run a cache tag belongs to: by its whole last parts, never as a prefix.</summary>
public sealed class ImageTagScopesTests
{
    [TestCase("api", new[] { "api-v2", "worker" }, "main-api", "main")]
    [TestCase("api", new[] { "api-v2", "worker" }, "feature-x-api", "feature-x")]
    [TestCase("api-v2", new[] { "api", "worker" }, "main-api-v2", "main")]
    [TestCase("api", new string[0], "main-linux-386-api", "main-linux-386")]
    [TestCase("api", new[] { "api-v2" }, "main-api-v2", null)]
    [TestCase("api", new[] { "api-v2" }, "main-apiv2", null)]
    [TestCase("api", new[] { "api-v2" }, "api", null)]
    [TestCase("api", new[] { "api-v2" }, "-api", null)]
    [TestCase("api", new[] { "api-v2" }, "main", null)]
    [TestCase("v2", new[] { "api-v2" }, "main-api-v2", null)]
    [TestCase("v2", new[] { "api-v2" }, "main-v2", "main")]
    public void A_tag_is_the_image_s_only_when_its_scope_ends_it_on_a_part_boundary_and_no_other_scope_does(string own, string[] others, string tag, string? branch) =>
        Assert.That(new ImageTagScopes(own, [.. others]).BranchPartOf(tag, out _), Is.EqualTo(branch));

    [Test]
    public void Why_a_tag_is_not_the_image_s_names_the_image_it_belongs_to_or_the_ambiguity()
    {
        var api = new ImageTagScopes("api", ["api-v2"]);
        var v2 = new ImageTagScopes("v2", ["api-v2"]);

        api.BranchPartOf("main-api-v2", out var other);
        v2.BranchPartOf("main-api-v2", out var ambiguous);

        Assert.That(other, Is.EqualTo("image 'api-v2''s cache (scope 'api-v2'), not 'api''s"));
        Assert.That(ambiguous, Does.Contain("of image 'v2' and of image 'api-v2'").And.Contain("cannot be told"));
    }
}
