using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>Runs <c>docker logout</c>.</summary>
public sealed class RegistryLogoutRunner : DockerCliTool<RegistryLogoutSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="RegistryLogoutRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public RegistryLogoutRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Logs out.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    public DockerCommandResult Run(RegistryLogoutSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Execute(settings, new DockerInvocation("docker logout from " + (settings.Server ?? "Docker Hub"))
        {
            CaptureOutput = true,
        });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, RegistryLogoutSettings settings) =>
        arguments.Append("logout").AppendPositional(settings.Server);
}
