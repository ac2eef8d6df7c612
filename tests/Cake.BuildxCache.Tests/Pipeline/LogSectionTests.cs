using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Pipeline;

public sealed class LogSectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 16, 49, 8, TimeSpan.Zero);

    [Test]
    public void GitLab_gets_section_markers_with_the_unix_time()
    {
        Assert.That(LogSection.Start(CiProvider.GitLabCI, "BuildWithCache", "BuildWithCache: docker buildx build", Start), Is.EqualTo(
            "\u001b[0Ksection_start:1795366148:buildwithcache\r\u001b[0KBuildWithCache: docker buildx build"));
        Assert.That(LogSection.End(CiProvider.GitLabCI, "BuildWithCache", Start.AddSeconds(42)), Is.EqualTo(
            "\u001b[0Ksection_end:1795366190:buildwithcache\r\u001b[0K"));
    }

    [Test]
    public void A_gitlab_section_can_start_collapsed()
    {
        Assert.That(LogSection.Start(CiProvider.GitLabCI, "login", "Login", Start, collapsed: true), Is.EqualTo(
            "\u001b[0Ksection_start:1795366148:login[collapsed=true]\r\u001b[0KLogin"));
    }

    [Test]
    public void GitHub_gets_groups()
    {
        Assert.That(LogSection.Start(CiProvider.GitHubActions, "login", "Login to ghcr.io", Start, collapsed: true), Is.EqualTo("::group::Login to ghcr.io"));
        Assert.That(LogSection.End(CiProvider.GitHubActions, "login", Start), Is.EqualTo("::endgroup::"));
    }

    [Test]
    public void Elsewhere_nothing_is_printed()
    {
        Assert.That(LogSection.Start(CiProvider.None, "login", "Login", Start), Is.Null);
        Assert.That(LogSection.End(CiProvider.None, "login", Start), Is.Null);
    }

    [Test]
    public void A_header_stays_on_one_line()
    {
        Assert.That(LogSection.Start(CiProvider.GitLabCI, "x", "two\nlines\r\nhere", Start), Does.EndWith("\u001b[0Ktwo lines here"));
        Assert.That(LogSection.Start(CiProvider.GitHubActions, "x", "two\nlines 100%", Start), Is.EqualTo("::group::two lines 100%25"));
    }

    [TestCase("BuildWithCache", "buildwithcache")]
    [TestCase("build with cache", "build-with-cache")]
    [TestCase("prune_cache.v2", "prune_cache.v2")]
    [TestCase("--Ünïcode: ok!--", "n-code--ok")]
    [TestCase("", "section")]
    [TestCase("!!!", "section")]
    public void Section_names_are_made_valid_for_gitlab(string name, string expected)
    {
        Assert.That(GitLabSectionName.Sanitize(name), Is.EqualTo(expected).And.Match("^[a-z0-9_.-]+$"));
    }
}
