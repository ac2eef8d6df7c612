using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Aliases for <c>docker buildx</c>'s builder commands: version, inspect, ls, create, rm, prune, du.
/// </summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Buildx")]
public static class BuildxAliases
{
    /// <summary>Runs <c>docker buildx version</c>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The buildx version, with <see cref="BuildxVersion.CreateConfigFlag"/> for <c>create</c>.</returns>
    /// <example><code>var flag = BuildxVersion().CreateConfigFlag;</code></example>
    [CakeMethodAlias]
    public static BuildxVersion BuildxVersion(this ICakeContext context) =>
        context.BuildxVersion(new BuildxVersionSettings());

    /// <summary>Runs <c>docker buildx version</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The buildx version.</returns>
    [CakeMethodAlias]
    public static BuildxVersion BuildxVersion(this ICakeContext context, BuildxVersionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxVersionRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx inspect NAME</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="builder">The builder name.</param>
    /// <returns>The builder, or <c>null</c> when it does not exist.</returns>
    [CakeMethodAlias]
    public static BuilderInfo? BuildxInspect(this ICakeContext context, string builder) =>
        context.BuildxInspect(new BuildxInspectSettings { Builder = builder });

    /// <summary>Runs <c>docker buildx inspect</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builder, or <c>null</c> when it does not exist.</returns>
    [CakeMethodAlias]
    public static BuilderInfo? BuildxInspect(this ICakeContext context, BuildxInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx ls</c>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The builders.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<BuilderListEntry> BuildxLs(this ICakeContext context) =>
        context.BuildxLs(new BuildxLsSettings());

    /// <summary>Runs <c>docker buildx ls</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builders.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<BuilderListEntry> BuildxLs(this ICakeContext context, BuildxLsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxLsRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx create</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builder name buildx printed.</returns>
    /// <example>
    /// <code>
    /// var settings = new BuildxCreateSettings { Name = "ci", Driver = "docker-container", Bootstrap = true,
    ///     BuildkitdConfig = "buildkitd.toml", ConfigFlag = BuildxVersion().CreateConfigFlag };
    /// settings.DriverOptions["network"] = "host";
    /// BuildxCreate(settings);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static string BuildxCreate(this ICakeContext context, BuildxCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx rm NAME</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="builder">The builder name.</param>
    /// <returns><c>true</c> when removed, <c>false</c> when there was no such builder.</returns>
    [CakeMethodAlias]
    public static bool BuildxRm(this ICakeContext context, string builder) =>
        context.BuildxRm(new BuildxRmSettings { Builder = builder });

    /// <summary>Runs <c>docker buildx rm</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns><c>true</c> when removed, <c>false</c> when there was no such builder.</returns>
    [CakeMethodAlias]
    public static bool BuildxRm(this ICakeContext context, BuildxRmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxRmRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx prune</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult BuildxPrune(this ICakeContext context, BuildxPruneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxPruneRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx du</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult BuildxDu(this ICakeContext context, BuildxDuSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxDuRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }
}
