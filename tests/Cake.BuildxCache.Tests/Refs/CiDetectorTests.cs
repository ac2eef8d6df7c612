using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class CiDetectorTests
{
    [TestCase(null, null, CiProvider.None)]
    [TestCase("true", null, CiProvider.GitLabCI)]
    [TestCase("TRUE", null, CiProvider.GitLabCI)]
    [TestCase(null, "true", CiProvider.GitHubActions)]
    [TestCase("true", "true", CiProvider.GitLabCI)]
    [TestCase("false", "false", CiProvider.None)]
    [TestCase("", "", CiProvider.None)]
    [TestCase("1", "yes", CiProvider.None)]
    public void Detects(string? gitlabCi, string? githubActions, CiProvider expected)
    {
        var variables = new Dictionary<string, string>();
        if (gitlabCi is not null)
        {
            variables["GITLAB_CI"] = gitlabCi;
        }

        if (githubActions is not null)
        {
            variables["GITHUB_ACTIONS"] = githubActions;
        }

        Assert.That(CiDetector.Detect(FakeEnvironment.With(variables, Path.GetTempPath())), Is.EqualTo(expected));
    }
}
