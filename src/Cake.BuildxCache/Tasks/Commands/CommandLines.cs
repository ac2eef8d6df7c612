using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Docker.Login;
using Cake.Core;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Tasks.Commands;

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
        DockerBuildxVersionSettings version => Render(new DockerBuildxVersionRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), version),
        DockerBuildxInspectSettings inspect => Of(inspect),
        DockerBuildxCreateSettings create => Of(create),
        DockerBuildxRmSettings rm => Of(rm),
        DockerBuildxPruneSettings prune => Of(prune),
        DockerBuildxBuildSettings build => Of(build),
        DockerContextCreateSettings create => Of(create),
        DockerContextInspectSettings inspect => Of(inspect),
        DockerLoginSettings login => Of(login),
        DockerLogoutSettings logout => Of(logout),
        _ => throw new ArgumentException($"no docker wrapper takes {settings?.GetType().Name}", nameof(settings)),
    };

    /// <summary><c>docker buildx version</c>.</summary>
    /// <returns>The command line.</returns>
    public string Version() => Render(new DockerBuildxVersionRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), new DockerBuildxVersionSettings());

    /// <summary>The command line of <paramref name="settings"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The command line.</returns>
    public string Of(DockerBuildxInspectSettings settings) => Render(new DockerBuildxInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerBuildxCreateSettings settings) => Render(new DockerBuildxCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerBuildxRmSettings settings) => Render(new DockerBuildxRmRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerBuildxPruneSettings settings) => Render(new DockerBuildxPruneRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerBuildxBuildSettings settings) => Render(new DockerBuildxBuildRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerContextCreateSettings settings) => Render(new DockerContextCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerContextInspectSettings settings) => Render(new DockerContextInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerLoginSettings settings) => Render(new DockerLoginRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    /// <inheritdoc cref="Of(DockerBuildxInspectSettings)"/>
    public string Of(DockerLogoutSettings settings) => Render(new DockerLogoutRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools), settings);

    private static string Render<TSettings>(DockerTool<TSettings> runner, TSettings settings)
        where TSettings : ToolSettings =>
        "docker " + runner.GetArguments(settings).RenderSafe();
}
