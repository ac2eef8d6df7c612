using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class RemoteUrlTests
{
    [TestCase("https://gitlab.example.com/group/app.git", "https://gitlab.example.com/group/app")]
    [TestCase("https://gitlab.example.com/group/sub/app", "https://gitlab.example.com/group/sub/app")]
    [TestCase("https://user:glpat-TOKEN@gitlab.example.com/group/app.git", "https://gitlab.example.com/group/app")]
    [TestCase("https://gitlab-ci-token:TOKEN@gitlab.example.com/group/app.git", "https://gitlab.example.com/group/app")]
    [TestCase("https://x-access-token:ghs_TOKEN@github.com/octo/app.git/", "https://github.com/octo/app")]
    [TestCase("https://TOKEN@github.com/octo/app", "https://github.com/octo/app")]
    [TestCase("https://user:p%40ss%3Aword@host.example/repo.git", "https://host.example/repo")]
    [TestCase("https://gitlab.example.com:8443/group/app.git?private_token=TOKEN#frag", "https://gitlab.example.com:8443/group/app")]
    [TestCase("HTTPS://GitLab.Example.com/Group/App.GIT", "https://gitlab.example.com/Group/App")]
    [TestCase("http://user:TOKEN@localhost:8080/group/app.git", "http://localhost:8080/group/app")]
    [TestCase("git@github.com:octo/app.git", "https://github.com/octo/app")]
    [TestCase("git@gitlab.example.com:group/sub/app.git", "https://gitlab.example.com/group/sub/app")]
    [TestCase("user:TOKEN@gitlab.example.com:group/app.git", "https://gitlab.example.com/group/app")]
    [TestCase("gitlab.example.com:group/app", "https://gitlab.example.com/group/app")]
    [TestCase("ssh://git@gitlab.example.com:2222/group/app.git", "https://gitlab.example.com/group/app")]
    [TestCase("ssh://git:TOKEN@gitlab.example.com/group/app.git", "https://gitlab.example.com/group/app")]
    [TestCase("git+ssh://git@github.com/octo/app.git", "https://github.com/octo/app")]
    [TestCase("git://git.example.org/project.git", "https://git.example.org/project")]
    public void Converts_to_a_web_address_without_credentials(string remote, string expected)
    {
        var address = RemoteUrl.ToWebAddress(remote);

        Assert.That(address, Is.EqualTo(expected));
        Assert.That(address, Does.Not.Contain("TOKEN").And.Not.Contain("@").And.Not.Contain("p%40ss"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("/srv/git/app.git")]
    [TestCase("../app")]
    [TestCase("./dir:with-colon/app")]
    [TestCase(@"C:\repos\app.git")]
    [TestCase("C:/repos/app.git")]
    [TestCase("file:///srv/git/app.git")]
    [TestCase("ftp://user:TOKEN@host/app.git")]
    public void Has_no_web_address(string? remote)
    {
        Assert.That(RemoteUrl.ToWebAddress(remote), Is.Null);
    }
}
