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

    /// <summary>
    /// Pack with the version from git (<c>X.Y.Z-alpha.&lt;height&gt;+&lt;sha&gt;</c>) ends by printing the <c>#addin</c> and
    /// <c>PackageReference</c> lines with the version a feed lists the packages it wrote by: the nuspec's without its
    /// build metadata, the one in the <c>.nupkg</c>'s file name.
    /// </summary>
    [Test]
    public void Pack_prints_the_addin_and_package_reference_lines_of_the_packages_it_wrote()
    {
        using var feed = new TemporaryDirectory();

        var pack = ProcessRunner.Run(
            Path.Combine(RepositoryRoot.Path, "build.sh"),
            ["--target=Pack", "--package-output=" + feed.Path],
            workingDirectory: Path.GetTempPath(),
            timeout: TimeSpan.FromMinutes(15));

        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        var modulePackage = Package(feed.Path, "Cake.BuildxCache");
        var hostingPackage = Package(feed.Path, "Cake.BuildxCache.Hosting");
        var module = NuspecVersion(modulePackage).Split('+')[0];
        var hosting = NuspecVersion(hostingPackage).Split('+')[0];
        var lines = pack.Output.Split('\n').Select(line => line.Trim()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(NuspecVersion(modulePackage), Does.Contain("-alpha.").And.Contain("+"), "the version from git: a pre-release with the commit as build metadata");
            Assert.That(Path.GetFileName(modulePackage), Is.EqualTo($"Cake.BuildxCache.{module}.nupkg"));
            Assert.That(Path.GetFileName(hostingPackage), Is.EqualTo($"Cake.BuildxCache.Hosting.{hosting}.nupkg"));
            Assert.That(lines, Does.Contain($"#addin nuget:?package=Cake.BuildxCache&version={module}"));
            Assert.That(lines, Does.Contain($"<PackageReference Include=\"Cake.BuildxCache.Hosting\" Version=\"{hosting}\" />"));
        });
    }

    // The one .nupkg of package id in the feed: its name is the id, then the version, which starts with a digit.
    private static string Package(string feed, string id) =>
        Directory.GetFiles(feed, id + ".*.nupkg").Single(path => char.IsAsciiDigit(Path.GetFileName(path)[(id.Length + 1)..][0]));

    private static string NuspecVersion(string nupkg)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(nupkg);
        using var nuspec = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var metadata = System.Xml.Linq.XDocument.Load(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        return metadata.Elements().Single(element => element.Name.LocalName == "version").Value;
    }
}
