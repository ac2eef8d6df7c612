using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Tests.Policy;

public sealed class ImageNameTests
{
    [TestCase("app", null, "app", null, null)]
    [TestCase("group/app", null, "group/app", null, null)]
    [TestCase("localhost/app", "localhost", "app", null, null)]
    [TestCase("registry:5000/app:1.0", "registry:5000", "app", "1.0", null)]
    [TestCase("registry.example.com/group/app@sha256:abc", "registry.example.com", "group/app", null, "sha256:abc")]
    [TestCase("registry.example.com/group/app:v1@sha256:abc", "registry.example.com", "group/app", "v1", "sha256:abc")]
    [TestCase("localhost:5000", null, "localhost", "5000", null)]
    public void Splits_like_docker(string text, string? domain, string path, string? tag, string? digest)
    {
        var name = ImageName.Parse(text);

        Assert.That((name.Domain, name.Path, name.Tag, name.Digest), Is.EqualTo((domain, path, tag, digest)));
    }

    [TestCase("registry.example.com/group/app", "app")]
    [TestCase("app", "app")]
    public void Last_segment(string text, string expected)
    {
        Assert.That(ImageName.Parse(text).LastSegment, Is.EqualTo(expected));
    }

    [TestCase("registry.example.com", null)]
    [TestCase("registry.example.com:5000", null)]
    [TestCase("localhost", null)]
    [TestCase("[::1]:5000", null)]
    [TestCase("registry.example.com:0", "bad port")]
    [TestCase("registry.example.com:", "bad port")]
    [TestCase("-registry.example.com", "not a valid registry host")]
    [TestCase("registry..example.com", "not a valid registry host")]
    public void Host_check(string host, string? fragment)
    {
        var problem = DockerNames.CheckHost(host);

        if (fragment is null)
        {
            Assert.That(problem, Is.Null);
        }
        else
        {
            Assert.That(problem, Does.Contain(fragment));
        }
    }
}
