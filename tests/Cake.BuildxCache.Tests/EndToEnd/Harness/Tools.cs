using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>The programs the end-to-end tests drive, found on PATH.</summary>
internal static class Tools
{
    /// <summary>The real docker CLI.</summary>
    public static string Docker => ToolPath.Require("docker", "the docker.io package");

    /// <summary>The folder of the captured buildx 0.10.5 outputs.</summary>
    public static string FixturesFolder => Cake.BuildxCache.Tests.Docker.Fixtures.FolderOf(Cake.BuildxCache.Tests.Docker.Fixtures.Buildx0105);

    /// <summary>This repository's <c>build.sh</c>.</summary>
    public static string BuildSh => Path.Combine(RepositoryRoot.Path, "build.sh");

    /// <summary>A file of this folder's source tree (the buildx double, for one).</summary>
    public static string Source(string relativePath) =>
        Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "EndToEnd", relativePath);
}
