using Cake.BuildxCache.Hosting.Internal;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>Colour only where it is read as colour: a terminal, or a CI log that renders it; NO_COLOR and FORCE_COLOR win.</summary>
public sealed class ColourPolicyTests
{
    [TestCase(null, null, CiProvider.None, false, true, TestName = "a terminal")]
    [TestCase(null, null, CiProvider.None, true, false, TestName = "a file or a pipe")]
    [TestCase("1", null, CiProvider.None, false, false, TestName = "NO_COLOR in a terminal")]
    [TestCase("yes", null, CiProvider.GitLabCI, true, false, TestName = "NO_COLOR in GitLab")]
    [TestCase("", null, CiProvider.None, false, true, TestName = "an empty NO_COLOR is unset")]
    [TestCase(null, null, CiProvider.GitLabCI, true, true, TestName = "GitLab's log renders it")]
    [TestCase(null, null, CiProvider.GitHubActions, true, true, TestName = "GitHub's log renders it")]
    [TestCase(null, "1", CiProvider.None, true, true, TestName = "FORCE_COLOR into a pipe")]
    [TestCase(null, "0", CiProvider.None, false, false, TestName = "FORCE_COLOR=0 in a terminal")]
    [TestCase(null, "false", CiProvider.GitHubActions, true, false, TestName = "FORCE_COLOR=false in GitHub")]
    [TestCase("1", "1", CiProvider.None, false, false, TestName = "NO_COLOR wins over FORCE_COLOR")]
    public void Decides(string? noColor, string? forceColor, CiProvider ci, bool redirected, bool colour)
    {
        Assert.That(ColourPolicy.Allows(noColor, forceColor, ci, redirected), Is.EqualTo(colour));
    }
}
