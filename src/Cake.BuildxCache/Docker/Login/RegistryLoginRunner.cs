using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>Runs <c>docker login … --password-stdin</c> with the password on standard input.</summary>
public sealed class RegistryLoginRunner : DockerCliTool<RegistryLoginSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="RegistryLoginRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public RegistryLoginRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Logs in.</summary>
    /// <param name="settings">The settings; <see cref="RegistryLoginSettings.Username"/> and <see cref="RegistryLoginSettings.Password"/> are required.</param>
    /// <returns>The captured output (e.g. <c>Login Succeeded</c>), with the password redacted should it appear.</returns>
    /// <exception cref="ArgumentException">The user name or the password is missing.</exception>
    /// <exception cref="CakeException">docker refused the login; the message says why, without the password.</exception>
    public DockerCommandResult Run(RegistryLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrEmpty(settings.Username))
        {
            throw new ArgumentException("docker login needs a user name.", nameof(settings));
        }

        if (string.IsNullOrEmpty(settings.Password))
        {
            throw new ArgumentException("docker login needs a password.", nameof(settings));
        }

        // docker reads standard input to its end and trims one trailing newline: send the password as is.
        return Execute(settings, new DockerInvocation("docker login to " + (settings.Server ?? "Docker Hub"))
        {
            CaptureOutput = true,
            StandardInput = settings.Password,
            Secrets = [settings.Password],
        });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, RegistryLoginSettings settings) =>
        arguments.Append("login")
            .AppendOption("--username", settings.Username)
            .Append("--password-stdin")
            .AppendPositional(settings.Server);
}
