using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>The <c>docker buildx bake</c> alias.</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Bake")]
public static class BakeAliases
{
    /// <summary>Runs <c>docker buildx bake</c> with <paramref name="settings"/>.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The result.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult BuildxBake(this ICakeContext context, BakeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BakeRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }
}
