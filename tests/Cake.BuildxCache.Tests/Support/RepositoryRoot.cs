namespace Cake.BuildxCache.Tests.Support;

/// <summary>Locates this repository (the folder holding the solution) from the test assembly's folder.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "Cake.BuildxCache.slnx";

    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {Marker} above {AppContext.BaseDirectory}: run the tests from a clone of the repository.");
    }
}
