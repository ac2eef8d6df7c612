using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx version</c> and parses its answer.</summary>
public sealed class BuildxVersionRunner : DockerCliTool<BuildxVersionSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxVersionRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxVersionRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Asks buildx for its version.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The version.</returns>
    /// <exception cref="CakeException">buildx is not installed, failed, or answered something unreadable.</exception>
    public BuildxVersion Run(BuildxVersionSettings settings)
    {
        var result = Execute(settings, new DockerInvocation("docker buildx version") { CaptureOutput = true });
        return BuildxVersion.TryParse(result.Output, out var version)
            ? version
            : throw new CakeException(
                "docker buildx version printed no version: '" + string.Join(" | ", result.Lines) + "'.");
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxVersionSettings settings) =>
        arguments.Append("buildx").Append("version");
}
