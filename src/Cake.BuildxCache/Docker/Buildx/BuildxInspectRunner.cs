using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx inspect</c>; a builder that does not exist is an answer, not an error.</summary>
public sealed class BuildxInspectRunner : DockerCliTool<BuildxInspectSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxInspectRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxInspectRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Inspects the builder.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The builder, or <c>null</c> when buildx says there is no such builder.</returns>
    /// <exception cref="CakeException">buildx failed for another reason, or printed no builder.</exception>
    public BuilderInfo? Run(BuildxInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx inspect " + (settings.Builder ?? "(current builder)");
        var result = Execute(settings, new DockerInvocation(description)
        {
            CaptureOutput = true,
            AcceptsFailure = BuilderNotFound.Matches,
        });

        if (BuilderNotFound.Matches(result))
        {
            return null;
        }

        return BuilderInfoParser.Parse(result.Output)
            ?? throw new CakeException(description + " printed no builder: '" + string.Join(" | ", result.Lines) + "'.");
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxInspectSettings settings) =>
        arguments.Append("buildx").Append("inspect")
            .AppendFlag("--bootstrap", settings.Bootstrap)
            .AppendPositional(settings.Builder);
}
