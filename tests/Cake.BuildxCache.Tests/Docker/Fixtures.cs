using System.Globalization;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// The real captured outputs kept in the repository under <c>tests/Cake.BuildxCache.Tests/Fixtures/buildx-VERSION</c>,
/// found from the repository root (the folder holding <c>Cake.BuildxCache.slnx</c>), so a fresh clone needs
/// nothing beside it. Each <c>.txt</c> ends with a line <c>rc=N</c>.
/// </summary>
internal static class Fixtures
{
    /// <summary>buildx 0.10.5 with BuildKit 0.11.6: the oldest buildx we support, and the default set.</summary>
    public const string Buildx0105 = "0.10.5";

    /// <summary>buildx 0.36.1 with BuildKit 0.32.2: the rig's current stack.</summary>
    public const string Buildx0361 = "0.36.1";

    /// <summary>Every captured version, for tests that run over each.</summary>
    public static readonly string[] Versions = [Buildx0105, Buildx0361];

    public static string FolderOf(string version = Buildx0105)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "Fixtures", "buildx-" + version);
        Assert.That(Directory.Exists(folder), Is.True, $"fixtures not found at {folder}");
        return folder;
    }

    public static string PathOf(string name, string version = Buildx0105) => Path.Combine(FolderOf(version), name);

    public static string Text(string name, string version = Buildx0105) => File.ReadAllText(PathOf(name, version));

    /// <summary>The output lines of a captured command (without the <c>rc=</c> line) and its exit code.</summary>
    public static (IReadOnlyList<string> Lines, int ExitCode) Captured(string name, string version = Buildx0105)
    {
        var lines = File.ReadAllLines(PathOf(name, version)).ToList();
        var last = lines.FindLastIndex(line => line.StartsWith("rc=", StringComparison.Ordinal));
        Assert.That(last, Is.GreaterThanOrEqualTo(0), $"{name} has no rc= line");
        var exitCode = int.Parse(lines[last]["rc=".Length..], CultureInfo.InvariantCulture);
        return (lines.Take(last).ToList(), exitCode);
    }
}
