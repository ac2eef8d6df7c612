using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>Options that code changed say so in Plan and in error messages.</summary>
public sealed class CodeOriginsTests
{
    private static readonly BuildxCacheOptions Read = new()
    {
        Image = "registry.example.com/app",
        CacheTagPrefix = "cache-",
        Origins = new Dictionary<string, OptionOrigin>
        {
            ["image"] = new(OptionSource.Environment, "BUILDX_IMAGE"),
            ["cache-tag-prefix"] = new(OptionSource.Argument, "--cache-tag-prefix"),
        },
    };

    [Test]
    public void A_value_code_changed_is_set_in_code_and_the_others_keep_their_origin()
    {
        var marked = CodeOrigins.Mark(Read, Read with { Push = true, CacheTagPrefix = "buildcache-" });

        Assert.That(marked.OriginOf(OptionCatalog.Push).ToString(), Is.EqualTo("set in code"));
        Assert.That(marked.OriginOf(OptionCatalog.CacheTagPrefix), Is.EqualTo(OptionOrigin.Code));
        Assert.That(marked.OriginOf(OptionCatalog.Image).ToString(), Is.EqualTo("from BUILDX_IMAGE"));
        Assert.That(marked.Describe(), Has.Member("push = true (set in code)"));
    }

    [Test]
    public void Code_that_sets_the_value_already_read_changes_no_origin()
    {
        var marked = CodeOrigins.Mark(Read, Read with { CacheTagPrefix = "cache-" });

        Assert.That(marked.Origins, Is.EqualTo(Read.Origins));
    }
}
