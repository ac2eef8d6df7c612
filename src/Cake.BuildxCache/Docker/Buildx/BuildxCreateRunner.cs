using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx create</c>.</summary>
public sealed class BuildxCreateRunner : DockerCliTool<BuildxCreateSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxCreateRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxCreateRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Creates the builder.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The name of the builder, as buildx prints it.</returns>
    /// <exception cref="CakeException">buildx failed, e.g. a builder of that name exists already.</exception>
    public string Run(BuildxCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx create" + (settings.Name is null ? string.Empty : " --name " + settings.Name);
        var result = Execute(settings, new DockerInvocation(description) { CaptureOutput = true });
        return result.Output.LastOrDefault(line => line.Trim().Length > 0)?.Trim() ?? settings.Name ?? string.Empty;
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxCreateSettings settings)
    {
        var configSwitch = settings.ConfigFlag == BuildxConfigFlag.BuildkitdConfig ? "--buildkitd-config" : "--config";
        arguments.Append("buildx").Append("create")
            .AppendOption("--name", settings.Name)
            .AppendOption("--driver", settings.Driver)
            .AppendSorted("--driver-opt", settings.DriverOptions)
            .AppendOption("--buildkitd-flags", settings.BuildkitdFlags)
            .AppendOption(configSwitch, settings.BuildkitdConfig)
            .AppendJoined("--platform", settings.Platforms)
            .AppendOption("--node", settings.Node)
            .AppendFlag("--append", settings.Append)
            .AppendFlag("--use", settings.Use)
            .AppendFlag("--bootstrap", settings.Bootstrap)
            .AppendPositional(settings.Endpoint);
    }
}
