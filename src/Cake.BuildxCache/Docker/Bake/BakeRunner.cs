using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>Runs <c>docker buildx bake</c>.</summary>
public sealed class BakeRunner : DockerCliTool<BakeSettings>
{
    /// <summary>Initializes a new instance of the <see cref="BakeRunner"/> class.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BakeRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Runs the bake.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="onOutputLine">Each line of output as it comes (the progress), or null to let it through.</param>
    /// <returns>The result.</returns>
    public DockerCommandResult Run(BakeSettings settings, Action<string>? onOutputLine = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx bake" + (settings.Targets.Count > 0 ? " " + string.Join(" ", settings.Targets) : string.Empty);
        return Execute(settings, new DockerInvocation(description) { CaptureOutput = settings.Print, OnOutputLine = onOutputLine });
    }

    /// <inheritdoc/>
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BakeSettings settings)
    {
        arguments.Append("buildx").Append("bake")
            .AppendOption("--builder", settings.Builder)
            .AppendEach("--file", settings.Files.Select(file => file.FullPath))
            .AppendOption("--metadata-file", settings.MetadataFile)
            .AppendOption("--progress", settings.Progress)
            .AppendFlag("--print", settings.Print);
        foreach (var target in settings.Targets)
        {
            arguments.AppendPositional(target);
        }
    }
}
