using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>
/// <c>./build.sh --target=Pack --package-output=&lt;folder&gt;</c> run as a real process into a folder that is a user's
/// feed already (the docs' example is <c>/srv/feed</c>): only the packages Pack writes are replaced.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
public sealed class PackTaskTests
{
    [Test]
    public void Pack_into_a_feed_replaces_its_own_packages_and_leaves_everything_else()
    {
        using var feed = new TemporaryDirectory();
        var version = $"0.0.0-packtest.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var mine = Path.Combine(feed.Path, "README.txt");
        var otherPackage = Path.Combine(feed.Path, "Other.Package.1.0.0.nupkg");
        var olderVersion = Path.Combine(feed.Path, "Cake.BuildxCache.0.0.1.nupkg");
        var sameVersion = Path.Combine(feed.Path, $"Cake.BuildxCache.{version}.nupkg");
        var nested = Path.Combine(feed.Path, "sub", "keep.nupkg");
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        foreach (var (path, text) in new[] { (mine, "my notes"), (otherPackage, "another package"), (olderVersion, "an older version"), (sameVersion, "an older build of this version"), (nested, "in a subfolder") })
        {
            File.WriteAllText(path, text);
        }

        var pack = ProcessRunner.Run(
            Path.Combine(RepositoryRoot.Path, "build.sh"),
            ["--target=Pack", "--package-output=" + feed.Path, "--package-version=" + version],
            workingDirectory: Path.GetTempPath(),
            timeout: TimeSpan.FromMinutes(15));

        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(mine), Is.EqualTo("my notes"));
            Assert.That(File.ReadAllText(otherPackage), Is.EqualTo("another package"));
            Assert.That(File.ReadAllText(olderVersion), Is.EqualTo("an older version"));
            Assert.That(File.ReadAllText(nested), Is.EqualTo("in a subfolder"));
            Assert.That(File.ReadAllBytes(sameVersion).Take(2), Is.EqualTo("PK"u8.ToArray()), "the older build of the same id and version is replaced by the new package (a zip)");
            Assert.That(
                Directory.GetFiles(feed.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal),
                Is.EqualTo(new[]
                {
                    "Cake.BuildxCache.0.0.1.nupkg",
                    $"Cake.BuildxCache.{version}.nupkg",
                    $"Cake.BuildxCache.{version}.snupkg",
                    $"Cake.BuildxCache.Hosting.{version}.nupkg",
                    $"Cake.BuildxCache.Hosting.{version}.snupkg",
                    $"Cake.BuildxCache.Templates.{version}.nupkg",
                    "Other.Package.1.0.0.nupkg",
                    "README.txt",
                }.Order(StringComparer.Ordinal)));
            Assert.That(pack.Output, Does.Contain($"Cake.BuildxCache.{version}.nupkg (replaced the older build of this version)"));
        });
    }
}
