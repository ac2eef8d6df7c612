using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx rm</c>; a builder that does not exist is an answer, not an error.</summary>
public sealed class BuildxRmRunner : DockerCliTool<BuildxRmSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxRmRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxRmRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Removes the builder.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns><c>true</c> when it was removed, <c>false</c> when there was no such builder.</returns>
    /// <exception cref="CakeException">buildx failed for another reason.</exception>
    public bool Run(BuildxRmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx rm " + (settings.Builder ?? "(current builder)");
        var result = Execute(settings, new DockerInvocation(description)
        {
            CaptureOutput = true,
            AcceptsFailure = BuilderNotFound.Matches,
        });
        return !BuilderNotFound.Matches(result);
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxRmSettings settings) =>
        arguments.Append("buildx").Append("rm")
            .AppendFlag("--keep-state", settings.KeepState)
            .AppendFlag("--keep-daemon", settings.KeepDaemon)
            .AppendPositional(settings.Builder);
}
