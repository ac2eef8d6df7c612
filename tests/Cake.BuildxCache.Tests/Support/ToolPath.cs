namespace Cake.BuildxCache.Tests.Support;

/// <summary>The programs the tests drive (docker, docker-registry, htpasswd), found on PATH.</summary>
internal static class ToolPath
{
    /// <summary>Where <paramref name="name"/> is on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The path of a program the suite needs. Missing, the test stops with the reason: it fails in CI (where
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
}
