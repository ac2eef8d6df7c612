using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Imagetools;

/// <summary>Runs <c>docker buildx imagetools create</c>.</summary>
public sealed class ImagetoolsCreateRunner : DockerCliTool<ImagetoolsCreateSettings>
{
    /// <summary>Initializes a new instance of the <see cref="ImagetoolsCreateRunner"/> class.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public ImagetoolsCreateRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Creates (or with <see cref="ImagetoolsCreateSettings.DryRun"/> prints) the index.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>What buildx printed (the index's JSON with <c>--dry-run</c>).</returns>
    /// <exception cref="CakeException">buildx failed: a source is missing, the registry refused the push, …</exception>
    public DockerCommandResult Run(ImagetoolsCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx imagetools create" + (settings.Tags.Count > 0 ? " of " + settings.Tags[0] : string.Empty);
        return Execute(settings, new DockerInvocation(description) { CaptureOutput = true });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, ImagetoolsCreateSettings settings)
    {
        arguments.Append("buildx").Append("imagetools").Append("create")
            .AppendOption("--builder", settings.Builder)
            .AppendEach("--tag", settings.Tags)
            .AppendEach("--annotation", settings.Annotations)
            .AppendOption("--metadata-file", settings.MetadataFile)
            .AppendFlag("--dry-run", settings.DryRun)
            .AppendOption("--progress", settings.Progress);
        foreach (var source in settings.Sources)
        {
            arguments.AppendPositional(source);
        }
    }
}
