using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>Runs <c>docker logout</c>.</summary>
public sealed class DockerLogoutRunner : DockerTool<DockerLogoutSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DockerLogoutRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public DockerLogoutRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Logs out.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    public DockerCommandResult Run(DockerLogoutSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Execute(settings, new DockerInvocation("docker logout from " + (settings.Server ?? "Docker Hub"))
        {
            CaptureOutput = true,
        });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, DockerLogoutSettings settings) =>
        arguments.Append("logout").AppendPositional(settings.Server);
}
