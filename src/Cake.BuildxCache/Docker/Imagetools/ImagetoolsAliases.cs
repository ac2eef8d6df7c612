using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Imagetools;

/// <summary>Aliases for <c>docker buildx imagetools</c>: create an index from images already in the registry.</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Imagetools")]
public static class ImagetoolsAliases
{
    /// <summary>Runs <c>docker buildx imagetools create</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>What buildx printed.</returns>
    /// <example><code>BuildxImagetoolsCreate(new ImagetoolsCreateSettings { Tags = { "registry/app:main" }, Sources = { "registry/app@sha256:…" } });</code></example>
    [CakeMethodAlias]
    public static DockerCommandResult BuildxImagetoolsCreate(this ICakeContext context, ImagetoolsCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ImagetoolsCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }
}
