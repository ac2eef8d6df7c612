using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx du</c>.</summary>
public sealed class BuildxDuRunner : DockerCliTool<BuildxDuSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxDuRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxDuRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Reports the disk usage of the build cache.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output (ends with <c>Reclaimable:</c> and <c>Total:</c> lines).</returns>
    public DockerCommandResult Run(BuildxDuSettings settings) =>
        Execute(settings, new DockerInvocation("docker buildx du") { CaptureOutput = true });

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxDuSettings settings) =>
        arguments.Append("buildx").Append("du")
            .AppendOption("--builder", settings.Builder)
            .AppendEach("--filter", settings.Filters)
            .AppendFlag("--verbose", settings.Verbose);
}
