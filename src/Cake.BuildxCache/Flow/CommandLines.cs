using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Docker.Imagetools;
using Cake.BuildxCache.Docker.Login;
using Cake.Core;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Renders settings as the command lines the runners would start, secrets redacted, through the
/// runners' own argument building (the same code that runs them), without running anything.
/// </summary>
/// <param name="context">Cake's context; its process runner is never called.</param>
internal sealed class CommandLines(ICakeContext context)
{
    /// <summary>The command line of any docker wrapper's settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The command line.</returns>
    /// <exception cref="ArgumentException">When no docker wrapper takes these settings.</exception>
    public string Of(ToolSettings settings) => settings switch
    {
        BuildxVersionSettings version => Render(new BuildxVersionRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), version),
        BuildxInspectSettings inspect => Of(inspect),
        BuildxCreateSettings create => Of(create),
        BuildxRmSettings rm => Of(rm),
        BuildxPruneSettings prune => Of(prune),
        BuildxBuildSettings build => Of(build),
        BuildxHistoryInspectSettings history => Render(new BuildxHistoryInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), history),
        DockerContextCreateSettings create => Of(create),
        DockerContextInspectSettings inspect => Of(inspect),
        RegistryLoginSettings login => Of(login),
        RegistryLogoutSettings logout => Of(logout),
        BakeSettings bake => Render(new BakeRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), bake),
        BakeFileSettings bake => Render(new BakeFileRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), bake),
        ImagetoolsCreateSettings create => Render(new ImagetoolsCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), create),
        _ => throw new ArgumentException($"no docker wrapper takes {settings?.GetType().Name}", nameof(settings)),
    };

    /// <summary><c>docker buildx version</c>.</summary>
    /// <returns>The command line.</returns>
    public string Version() => Render(new BuildxVersionRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), new BuildxVersionSettings());

    /// <summary>The command line of <paramref name="settings"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The command line.</returns>
    public string Of(BuildxInspectSettings settings) => Render(new BuildxInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(BuildxCreateSettings settings) => Render(new BuildxCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(BuildxRmSettings settings) => Render(new BuildxRmRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(BuildxPruneSettings settings) => Render(new BuildxPruneRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(BuildxBuildSettings settings) => Render(new BuildxBuildRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(DockerContextCreateSettings settings) => Render(new DockerContextCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(DockerContextInspectSettings settings) => Render(new DockerContextInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(RegistryLoginSettings settings) => Render(new RegistryLoginRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(BuildxInspectSettings)"/>
    public string Of(RegistryLogoutSettings settings) => Render(new RegistryLogoutRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    private static string Render<TSettings>(DockerCliTool<TSettings> runner, TSettings settings)
        where TSettings : ToolSettings =>
        "docker " + runner.GetArguments(settings).RenderSafe();
}
