using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>Runs <c>docker buildx bake</c> over a user's bake file without building; a failure is an answer the caller reads.</summary>
internal sealed class BakeFileRunner : DockerCliTool<BakeFileSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BakeFileRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BakeFileRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Runs the command and captures what it printed, whatever its exit code.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    /// <exception cref="CakeException">docker cannot be found or started.</exception>
    public DockerCommandResult Run(BakeFileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Execute(settings, new DockerInvocation("docker buildx bake -f " + string.Join(" -f ", settings.Files))
        {
            CaptureOutput = true,
            AcceptsFailure = _ => true,
        });
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BakeFileSettings settings)
    {
        arguments.Append("buildx").Append("bake")
            .AppendOption("--builder", settings.Builder)
            .AppendEach("-f", settings.Files)
            .AppendFlag("--print", settings.Print)
            .AppendOption("--list", settings.List)
            .AppendOption("--call", settings.Call)
            .AppendOption("--progress", settings.Progress);
        foreach (var target in settings.Targets)
        {
            arguments.AppendPositional(target);
        }
    }
}
