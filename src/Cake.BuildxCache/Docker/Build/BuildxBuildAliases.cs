using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;

namespace Cake.BuildxCache.Docker.Build;

/// <summary>Aliases for <c>docker buildx build</c> and its metadata file.</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Build")]
public static class BuildxBuildAliases
{
    /// <summary>Runs <c>docker buildx build</c>; its progress goes to the console.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <exception cref="CakeException">The build failed.</exception>
    /// <example>
    /// <code>
    /// var settings = new BuildxBuildSettings { ContextPath = ".", Push = true, MetadataFile = "artifacts/metadata.json" };
    /// settings.Tags.Add("registry.example.com/app:main");
    /// settings.CacheFrom.Add(CacheSpec.Registry("registry.example.com/app/cache:main"));
    /// settings.CacheTo.Add(CacheSpec.Registry("registry.example.com/app/cache:main") with { Mode = "max", IgnoreError = true });
    /// BuildxBuild(settings);
    /// var digest = BuildxReadMetadata("artifacts/metadata.json").Digest;
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void BuildxBuild(this ICakeContext context, BuildxBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        new BuildxBuildRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx build PATH</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="contextPath">The build context (sets <see cref="BuildxBuildSettings.ContextPath"/>).</param>
    /// <param name="settings">The settings.</param>
    [CakeMethodAlias]
    public static void BuildxBuild(this ICakeContext context, string contextPath, BuildxBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ContextPath = contextPath;
        context.BuildxBuild(settings);
    }

    /// <summary>Reads a <c>--metadata-file</c> written by a build (a relative path is taken from the working directory).</summary>
    /// <param name="context">The context.</param>
    /// <param name="metadataFile">The file.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="CakeException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not build metadata JSON.</exception>
    [CakeMethodAlias]
    public static BuildMetadata BuildxReadMetadata(this ICakeContext context, FilePath metadataFile)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(metadataFile);
        var file = context.FileSystem.GetFile(metadataFile.MakeAbsolute(context.Environment));
        if (!file.Exists)
        {
            throw new CakeException("The build wrote no metadata file at " + file.Path.FullPath + ".");
        }

        using var reader = new StreamReader(file.OpenRead());
        return BuildMetadataParser.Parse(reader.ReadToEnd());
    }
}
