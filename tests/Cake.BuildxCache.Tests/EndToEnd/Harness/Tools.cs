using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>The programs the end-to-end tests drive, found on PATH.</summary>
internal static class Tools
{
    /// <summary>Where <paramref name="name"/> is on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The path of a program the suite needs. Missing, the test stops: it fails in CI (where
    /// <c>.ci/setup</c> installs everything, so a skip would hide a broken setup) and is ignored elsewhere.
    /// </summary>
    public static string Require(string name, string installedBy)
    {
        if (Find(name) is { } path)
        {
            return path;
        }

        var message = $"{name} is not on PATH (installed by {installedBy}; run `sudo bash .ci/setup`).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return null!;
    }

    /// <summary>The real docker CLI.</summary>
    public static string Docker => Require("docker", "the docker.io package");

    /// <summary>The folder of the captured buildx 0.10.5 outputs.</summary>
    public static string FixturesFolder => Path.GetDirectoryName(Cake.BuildxCache.Tests.Docker.Fixtures.PathOf("buildx-version.txt"))!;

    /// <summary>This repository's <c>build.sh</c>.</summary>
    public static string BuildSh => Path.Combine(RepositoryRoot.Path, "build.sh");

    /// <summary>A file of this folder's source tree (the buildx double, for one).</summary>
    public static string Source(string relativePath) =>
        Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "EndToEnd", relativePath);
}
