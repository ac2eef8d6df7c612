using System.Globalization;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// The real captured outputs in <c>../shared/fixtures/buildx-0.10.5</c> next to the repository root (the
/// folder holding <c>Cake.BuildxCache.slnx</c>). Each <c>.txt</c> ends with a line <c>rc=N</c>.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static string PathOf(string name) => Path.Combine(Folder.Value, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The output lines of a captured command (without the <c>rc=</c> line) and its exit code.</summary>
    public static (IReadOnlyList<string> Lines, int ExitCode) Captured(string name)
    {
        var lines = File.ReadAllLines(PathOf(name)).ToList();
        var last = lines.FindLastIndex(line => line.StartsWith("rc=", StringComparison.Ordinal));
        Assert.That(last, Is.GreaterThanOrEqualTo(0), $"{name} has no rc= line");
        var exitCode = int.Parse(lines[last]["rc=".Length..], CultureInfo.InvariantCulture);
        return (lines.Take(last).ToList(), exitCode);
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cake.BuildxCache.slnx")))
            {
                var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "fixtures", "buildx-0.10.5"));
                Assert.That(Directory.Exists(folder), Is.True, $"fixtures not found at {folder}");
                return folder;
            }
        }

        throw new InvalidOperationException("No Cake.BuildxCache.slnx above " + AppContext.BaseDirectory);
    }
}
