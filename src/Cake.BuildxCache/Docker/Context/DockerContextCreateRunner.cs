using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>Runs <c>docker context create</c>.</summary>
public sealed class DockerContextCreateRunner : DockerCliTool<DockerContextCreateSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DockerContextCreateRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public DockerContextCreateRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Creates the context.</summary>
    /// <param name="settings">The settings; <see cref="DockerContextCreateSettings.Name"/> is required.</param>
    /// <exception cref="CakeException">docker failed, e.g. the context exists or a certificate file is missing.</exception>
    public void Run(DockerContextCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Name, nameof(settings));
        Execute(settings, new DockerInvocation("docker context create " + settings.Name) { CaptureOutput = true });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, DockerContextCreateSettings settings) =>
        arguments.Append("context").Append("create")
            .AppendPositional(settings.Name)
            .AppendOption("--description", settings.Description)
            .AppendOption("--docker", settings.Docker?.ToString());
}
