using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx ls</c> and parses its table.</summary>
public sealed class BuildxLsRunner : DockerCliTool<BuildxLsSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxLsRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxLsRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Lists the builders.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The builders.</returns>
    public IReadOnlyList<BuilderListEntry> Run(BuildxLsSettings settings) =>
        BuilderListParser.Parse(Execute(settings, new DockerInvocation("docker buildx ls") { CaptureOutput = true }).Output);

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxLsSettings settings) =>
        arguments.Append("buildx").Append("ls");
}
