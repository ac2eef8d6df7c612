using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class RefSlugTests
{
    // Expected values follow GitLab's rule: downcase, [^a-z0-9] -> '-', first 63 characters, trim '-'.
    [TestCase("main", "main")]
    [TestCase("Feature/JIRA-123_Add-Cache", "feature-jira-123-add-cache")]
    [TestCase("release/v1.2.3", "release-v1-2-3")]
    [TestCase("v1.0.0", "v1-0-0")]
    [TestCase("--leading-and-trailing--", "leading-and-trailing")]
    [TestCase("/feature/", "feature")]
    [TestCase("___", "")]
    [TestCase("a//b", "a--b")]
    [TestCase("Ünïcödé-Brânch", "n-c-d--br-nch")]
    [TestCase("fix-🐛-bug", "fix---bug")] // one code point outside the BMP is one dash
    [TestCase("\u212Aelvin", "kelvin")] // KELVIN SIGN downcases to ASCII k
    [TestCase("\u0130stanbul", "i-stanbul")] // İ downcases to i + combining dot
    [TestCase("日本語", "")]
    public void Slug_matches_gitlab(string refName, string expected)
    {
        Assert.That(RefSlug.From(refName), Is.EqualTo(expected));
    }

    [Test]
    public void Long_names_are_cut_to_63_characters_before_dashes_are_trimmed()
    {
        var name = new string('a', 62) + "/tail";
        Assert.That(RefSlug.From(name), Is.EqualTo(new string('a', 62)));

        var exact = new string('b', 70);
        Assert.That(RefSlug.From(exact), Has.Length.EqualTo(63));
    }

    [Test]
    public void Leading_dashes_are_trimmed_after_the_cut()
    {
        var name = "----" + new string('c', 70);
        Assert.That(RefSlug.From(name), Is.EqualTo(new string('c', 59)));
    }
}
