using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>
/// Golden text files in <c>tests/Cake.BuildxCache.Tests/Tasks/Golden/</c> (the source tree, not the build
/// output). Run the tests with <c>UPDATE_GOLDEN=1</c> to rewrite them from what the code prints now, then
/// review the diff: a golden is only right when a person checked it against the rules in docs/.
/// </summary>
internal static class Golden
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "Tasks", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string name, string actual)
    {
        var file = Path.Combine(Folder, name + ".txt");
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(file, actual);
            Assert.Warn($"Rewrote {file}: review the diff before committing.");
            return;
        }

        Assert.That(File.Exists(file), Is.True, $"No golden file {file}; run the tests with UPDATE_GOLDEN=1 to write it, then review it.");
        var expected = File.ReadAllText(file).ReplaceLineEndings("\n");
        Assert.That(actual, Is.EqualTo(expected), $"The output differs from {file} (UPDATE_GOLDEN=1 rewrites it; review the diff).");
    }
}
