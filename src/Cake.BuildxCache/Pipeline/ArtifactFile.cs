using System.Text;
using Cake.Core.IO;

namespace Cake.BuildxCache.Pipeline;

/// <summary>Writes the hand-off texts through Cake's file system (UTF-8 without byte order mark).</summary>
internal static class ArtifactFile
{
    /// <summary>Replaces a file's content (<c>artifacts/build.env</c>, <c>artifacts/buildx-report.json</c>), creating its folder.</summary>
    /// <param name="fileSystem">The file system (<c>context.FileSystem</c>).</param>
    /// <param name="path">The file, absolute (<c>path.MakeAbsolute(context.Environment)</c>).</param>
    /// <param name="text">The content.</param>
    public static void Write(IFileSystem fileSystem, FilePath path, string text)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        EnsureFolder(fileSystem, path);
        using var stream = fileSystem.GetFile(path).Open(FileMode.Create, FileAccess.Write, FileShare.Read);
        Put(stream, text);
    }

    /// <summary>Adds to the end of a file (<c>$GITHUB_STEP_SUMMARY</c>, which other steps write too), creating it when missing.</summary>
    /// <param name="fileSystem">The file system (<c>context.FileSystem</c>).</param>
    /// <param name="path">The file, absolute.</param>
    /// <param name="text">The text to add.</param>
    public static void Append(IFileSystem fileSystem, FilePath path, string text)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        EnsureFolder(fileSystem, path);
        using var stream = fileSystem.GetFile(path).Open(FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        Put(stream, text);
    }

    private static void EnsureFolder(IFileSystem fileSystem, FilePath path)
    {
        var folder = fileSystem.GetDirectory(path.GetDirectory());
        if (!folder.Exists)
        {
            folder.Create();
        }
    }

    private static void Put(Stream stream, string text)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    }
}
