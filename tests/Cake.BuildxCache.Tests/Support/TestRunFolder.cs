namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// The one folder under the system temp folder that holds every temporary directory of this test run, so that
/// the run's last step (<see cref="TestRunCleanup"/>) can delete whatever a test or a process it started left.
/// </summary>
internal static class TestRunFolder
{
    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("buildx-cache-tests-").FullName);

    /// <summary>The run's folder, made on first use.</summary>
    public static string Path => Folder.Value;

    /// <summary>Whether a test made the folder.</summary>
    public static bool Created => Folder.IsValueCreated;
}
