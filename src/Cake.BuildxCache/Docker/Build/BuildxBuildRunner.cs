using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Build;

/// <summary>
/// Runs <c>docker buildx build</c>. Its progress goes straight to the console (nothing is captured),
/// so a long build shows as it happens and a failure's reason is right above the error.
/// </summary>
public sealed class BuildxBuildRunner : DockerCliTool<BuildxBuildSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxBuildRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxBuildRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Runs the build; <see cref="BuildxBuildSettings.OutputHandler"/> sees each line as it comes.</summary>
    /// <param name="settings">The settings.</param>
    /// <exception cref="CakeException">The build failed.</exception>
    public void Run(BuildxBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx build" + (settings.Tags.Count > 0 ? " of " + settings.Tags[0] : string.Empty);
        Execute(settings, new DockerInvocation(description) { OnOutputLine = settings.OutputHandler });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxBuildSettings settings) =>
        BuildxBuildArguments.Append(arguments, settings);
}
