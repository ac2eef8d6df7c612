using Cake.BuildxCache.Miss;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>Whether a .dockerignore keeps .git out of the context.</summary>
public sealed class DockerignoreTests
{
    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("node_modules\n", false)]
    [TestCase(".git\n", true)]
    [TestCase("/.git/\n", true)]
    [TestCase("./.git\n", true)]
    [TestCase("**/.git\n", true)]
    [TestCase(".*\n", true)]
    [TestCase("*\n!src\n", true)]
    [TestCase("*\n!.git\n", false)]
    [TestCase("# .git\n", false)]
    [TestCase(".github\n", false)]
    [TestCase("src/.git\n", false)]
    [TestCase(".git/**\n", true)]
    [TestCase("**\n", true)]
    [TestCase(".g?t\n", true)]
    [TestCase("*.git\n", true)]
    public void Excludes_git(string? text, bool excluded) =>
        Assert.That(Dockerignore.ExcludesGit(text), Is.EqualTo(excluded));
}
