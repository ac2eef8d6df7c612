using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Options;

/// <summary>The keys written under <c>[Buildx]</c> in the working directory's <c>cake.config</c>, for <see cref="OptionSpelling"/>.</summary>
public static class BuildxConfigKeys
{
    private const string Section = "Buildx";

    /// <summary>The keys, as written (<c>Image</c>); none without the file.</summary>
    /// <param name="context">Cake's context (its file system and working directory).</param>
    /// <returns>The keys.</returns>
    public static IReadOnlyList<string> Read(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = context.FileSystem.GetFile(context.Environment.WorkingDirectory.CombineWithFilePath("cake.config"));
        if (!file.Exists)
        {
            return [];
        }

        using var reader = new StreamReader(file.OpenRead());
        return [.. ConfigFile.Parse(file.Path.FullPath, reader.ReadToEnd())
            .Where(entry => string.Equals(entry.Section, Section, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Name)];
    }
}
