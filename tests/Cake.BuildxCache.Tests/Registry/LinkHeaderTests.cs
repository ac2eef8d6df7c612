using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The <c>Link</c> header by RFC 8288's grammar: every form a registry may page its tag list with, and what is off it.</summary>
public sealed class LinkHeaderTests
{
    private const string Page = "/v2/app/cache/tags/list?n=2&last=b";

    [TestCase("<" + Page + ">; rel=\"next\"", TestName = "the form Docker's registry sends")]
    [TestCase("<" + Page + ">; rel=next", TestName = "an unquoted rel")]
    [TestCase("<" + Page + "> ; rel = \"next\"", TestName = "spaces around ';' and '='")]
    [TestCase("<" + Page + ">\t;\trel\t=\tnext", TestName = "tabs")]
    [TestCase("<" + Page + ">;REL=\"Next\"", TestName = "case of the name and the relation type")]
    [TestCase("<" + Page + ">; rel=\"prev next\"", TestName = "several relation types in one rel")]
    [TestCase("<" + Page + ">; title=\"a; b, \\\"c\\\"\"; rel=next", TestName = "a quoted value with ';', ',' and escaped quotes before rel")]
    [TestCase("<" + Page + ">; rel=\"next\"; rel=\"prev\"", TestName = "the first of two rels counts")]
    [TestCase("<" + Page + ">; type; rel=next", TestName = "a parameter without a value")]
    public void One_link_with_next(string value)
    {
        var links = LinkHeader.Parse(value);

        Assert.That(links, Has.Count.EqualTo(1));
        Assert.That(links[0].Target, Is.EqualTo(Page));
        Assert.That(links[0].Has("next"), Is.True);
    }

    [Test]
    public void Several_links_in_one_value_commas_in_targets_and_empty_elements()
    {
        var links = LinkHeader.Parse(" , </first?a=1,2>; rel=\"first\" ,, <https://registry.example.com/v2/x/tags/list?last=c>;rel=\"next\", <next2>; rel=\"prev\" ,");

        Assert.That(links.Select(link => link.Target), Is.EqualTo(new[] { "/first?a=1,2", "https://registry.example.com/v2/x/tags/list?last=c", "next2" }));
        Assert.That(links.Select(link => link.Has("next")), Is.EqualTo(new[] { false, true, false }));
        Assert.That(links[0].Relations, Is.EqualTo(new[] { "first" }));
    }

    [Test]
    public void A_rel_that_only_contains_next_as_a_word_part_is_not_next()
    {
        var links = LinkHeader.Parse("<a>; rel=\"nextpage\", <b>; title=\"rel=next\"");

        Assert.That(links.Any(link => link.Has("next")), Is.False);
    }

    [TestCase("", TestName = "empty")]
    [TestCase("  ", TestName = "only whitespace")]
    public void No_links(string value) => Assert.That(LinkHeader.Parse(value), Is.Empty);

    [TestCase(Page + "; rel=next", TestName = "a target without angle brackets")]
    [TestCase("<" + Page + "; rel=next", TestName = "an unclosed target")]
    [TestCase("<" + Page + ">; rel=\"next", TestName = "an unclosed quoted string")]
    [TestCase("<" + Page + "> rel=next", TestName = "a parameter without ';'")]
    [TestCase("<" + Page + ">; =next", TestName = "a parameter without a name")]
    [TestCase("<" + Page + ">; rel=", TestName = "'=' without a value")]
    [TestCase("<" + Page + ">; rel=next <other>; rel=prev", TestName = "two links without ','")]
    [TestCase("</v2/app/cache/tags list>; rel=next", TestName = "whitespace in a target")]
    public void Off_the_grammar_is_an_error_that_says_where(string value)
    {
        var failure = Assert.Throws<FormatException>(() => LinkHeader.Parse(value));

        Assert.That(failure!.Message, Does.Match(@"^expected .+ at character \d+ of '"));
    }
}
