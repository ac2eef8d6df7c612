namespace Cake.BuildxCache.Tests.Support;

/// <summary>A directory in the test run's folder (<see cref="TestRun"/>), deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(TestRun.Path, Guid.NewGuid().ToString("N")[..12])).FullName;
    }

    public string Path { get; }

    public string Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Delete(Path);

    /// <summary>Deletes <paramref name="path"/> and everything in it, read-only files included; a file still held stays.</summary>
    public static void Delete(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        try
        {
            // git writes its objects read-only; clear that first so deleting works on every platform.
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A process a test started may still hold a file; the run's last step tries again.
        }
    }
}
