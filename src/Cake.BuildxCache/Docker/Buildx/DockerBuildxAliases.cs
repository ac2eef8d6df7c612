using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Aliases for <c>docker buildx</c>'s builder commands: version, inspect, ls, create, rm, prune, du.
/// </summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Buildx")]
public static class DockerBuildxAliases
{
    /// <summary>Runs <c>docker buildx version</c>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The buildx version, with <see cref="BuildxVersion.CreateConfigFlag"/> for <c>create</c>.</returns>
    /// <example><code>var flag = DockerBuildxVersion().CreateConfigFlag;</code></example>
    [CakeMethodAlias]
    public static BuildxVersion DockerBuildxVersion(this ICakeContext context) =>
        context.DockerBuildxVersion(new DockerBuildxVersionSettings());

    /// <summary>Runs <c>docker buildx version</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The buildx version.</returns>
    [CakeMethodAlias]
    public static BuildxVersion DockerBuildxVersion(this ICakeContext context, DockerBuildxVersionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxVersionRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx inspect NAME</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="builder">The builder name.</param>
    /// <returns>The builder, or <c>null</c> when it does not exist.</returns>
    [CakeMethodAlias]
    public static BuilderInfo? DockerBuildxInspect(this ICakeContext context, string builder) =>
        context.DockerBuildxInspect(new DockerBuildxInspectSettings { Builder = builder });

    /// <summary>Runs <c>docker buildx inspect</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builder, or <c>null</c> when it does not exist.</returns>
    [CakeMethodAlias]
    public static BuilderInfo? DockerBuildxInspect(this ICakeContext context, DockerBuildxInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx ls</c>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The builders.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<BuilderListEntry> DockerBuildxLs(this ICakeContext context) =>
        context.DockerBuildxLs(new DockerBuildxLsSettings());

    /// <summary>Runs <c>docker buildx ls</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builders.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<BuilderListEntry> DockerBuildxLs(this ICakeContext context, DockerBuildxLsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxLsRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx create</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builder name buildx printed.</returns>
    /// <example>
    /// <code>
    /// var settings = new DockerBuildxCreateSettings { Name = "ci", Driver = "docker-container", Bootstrap = true,
    ///     BuildkitdConfig = "buildkitd.toml", ConfigFlag = DockerBuildxVersion().CreateConfigFlag };
    /// settings.DriverOptions["network"] = "host";
    /// DockerBuildxCreate(settings);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static string DockerBuildxCreate(this ICakeContext context, DockerBuildxCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx rm NAME</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="builder">The builder name.</param>
    /// <returns><c>true</c> when removed, <c>false</c> when there was no such builder.</returns>
    [CakeMethodAlias]
    public static bool DockerBuildxRm(this ICakeContext context, string builder) =>
        context.DockerBuildxRm(new DockerBuildxRmSettings { Builder = builder });

    /// <summary>Runs <c>docker buildx rm</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns><c>true</c> when removed, <c>false</c> when there was no such builder.</returns>
    [CakeMethodAlias]
    public static bool DockerBuildxRm(this ICakeContext context, DockerBuildxRmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxRmRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx prune</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult DockerBuildxPrune(this ICakeContext context, DockerBuildxPruneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxPruneRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx du</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult DockerBuildxDu(this ICakeContext context, DockerBuildxDuSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerBuildxDuRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }
}
