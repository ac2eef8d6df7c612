using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// <c>Cake.BuildxCache</c>, <c>Cake.BuildxCache.Hosting</c> and the <c>dotnet new</c> template package
/// <c>Cake.BuildxCache.Templates</c> packed once per test run into a folder feed, with a
/// version of this run's own (the global packages folder would otherwise serve an older pack of the same version)
/// and their own build output (the test run's assemblies stay as they are). Whoever uses them first pays for the
/// pack; the run's last step (<see cref="EndToEndSetUp"/>) deletes the feed and what restores put in the global
/// packages folder.
/// </summary>
internal sealed class PackedPackages : IDisposable
{
    /// <summary>The package ids, as NuGet's folders spell them (lower case).</summary>
    public static readonly IReadOnlyList<string> FolderIds = ["cake.buildxcache", "cake.buildxcache.hosting"];

    private static readonly Lazy<PackedPackages> Packed = new(Pack);

    private readonly TemporaryDirectory _directory;

    private PackedPackages(TemporaryDirectory directory, string version)
    {
        _directory = directory;
        Version = version;
    }

    /// <summary>The run's packages, packed on first use.</summary>
    public static PackedPackages Shared => Packed.Value;

    /// <summary>Whether a test asked for the packages (and so there is something to delete).</summary>
    public static bool Created => Packed.IsValueCreated;

    /// <summary>The machine's global packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The version both packages carry, e.g. <c>0.0.0-e2e.20261130120000123</c>.</summary>
    public string Version { get; }

    /// <summary>The folder feed holding the <c>.nupkg</c> and <c>.snupkg</c> files.</summary>
    public string Feed => Path.Combine(_directory.Path, "feed");

    /// <summary>The path of package <paramref name="id"/>'s file with <paramref name="extension"/> (<c>nupkg</c> or <c>snupkg</c>).</summary>
    public string File(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    /// <summary>Copies the packages into <paramref name="folder"/>, a feed of a repository's own.</summary>
    public void CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var package in Directory.EnumerateFiles(Feed, "*.nupkg"))
        {
            System.IO.File.Copy(package, Path.Combine(folder, Path.GetFileName(package)), overwrite: true);
        }
    }

    public void Dispose()
    {
        _directory.Dispose();
        foreach (var id in FolderIds)
        {
            var folder = Path.Combine(GlobalPackagesFolder, id, Version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static PackedPackages Pack()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var directory = new TemporaryDirectory();
        var packages = new PackedPackages(directory, $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        // The module first: the host's pack then finds it built.
        foreach (var project in new[] { "src/Cake.BuildxCache/Cake.BuildxCache.csproj", "src/Cake.BuildxCache.Hosting/Cake.BuildxCache.Hosting.csproj", "src/Cake.BuildxCache.Templates/Cake.BuildxCache.Templates.csproj" })
        {
            var pack = ProcessRunner.Run(
                "dotnet",
                ["pack", Path.Combine(RepositoryRoot.Path, project), "-c", "Release", "-o", packages.Feed, "-p:Version=" + packages.Version, "-nologo",
                    "-p:ArtifactsPath=" + Path.Combine(directory.Path, "artifacts")],
                timeout: TimeSpan.FromMinutes(4));
            if (pack.ExitCode != 0)
            {
                packages.Dispose();
                throw new InvalidOperationException($"dotnet pack {project} failed (exit code {pack.ExitCode}):\n{pack.Output}");
            }
        }

        TestContext.Progress.WriteLine($"end-to-end: packed the packages and the template as {packages.Version} in {clock.Elapsed.TotalSeconds:0.0} s");
        return packages;
    }
}
