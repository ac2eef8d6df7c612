using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx prune</c>.</summary>
public sealed class BuildxPruneRunner : DockerCliTool<BuildxPruneSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxPruneRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxPruneRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Prunes the build cache.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output: the table of removed records and the <c>Total:</c> line.</returns>
    /// <exception cref="CakeException">buildx failed.</exception>
    public DockerCommandResult Run(BuildxPruneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx prune" + (settings.Builder is null ? string.Empty : " --builder " + settings.Builder);
        return Execute(settings, new DockerInvocation(description) { CaptureOutput = true });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxPruneSettings settings) =>
        arguments.Append("buildx").Append("prune")
            .AppendOption("--builder", settings.Builder)
            .AppendFlag("--all", settings.All)
            .AppendEach("--filter", settings.Filters)
            .AppendOption(BuildxPruneFlags.KeepStorage.Name, settings.KeepStorage)
            .AppendOption(BuildxPruneFlags.MaxUsedSpace.Name, settings.MaxUsedSpace)
            .AppendOption(BuildxPruneFlags.ReservedSpace.Name, settings.ReservedSpace)
            .AppendOption(BuildxPruneFlags.MinFreeSpace.Name, settings.MinFreeSpace)
            .AppendFlag("--force", settings.Force)
            .AppendFlag("--verbose", settings.Verbose);
}
