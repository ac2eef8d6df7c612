using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.History;

/// <summary>Runs <c>docker buildx history inspect --format json</c> and reads the record.</summary>
public sealed class BuildxHistoryInspectRunner : DockerCliTool<BuildxHistoryInspectSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxHistoryInspectRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxHistoryInspectRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Reads BuildKit's record of a build.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The record.</returns>
    /// <exception cref="CakeException">buildx failed (no such record, a buildx before 0.21 that has no <c>--format json</c>, …)
    /// or printed something that is not a record.</exception>
    public BuildRecord Run(BuildxHistoryInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var description = "docker buildx history inspect " + (settings.Ref ?? "(latest build)");
        var result = Execute(settings, new DockerInvocation(description) { CaptureOutput = true });
        try
        {
            // stdout only: buildx writes warnings to stderr, the record alone to stdout.
            return BuildRecordParser.Parse(string.Join('\n', result.Output));
        }
        catch (FormatException exception)
        {
            throw new CakeException(description + " printed no build record: " + exception.Message, exception);
        }
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxHistoryInspectSettings settings) =>
        arguments.Append("buildx").Append("history").Append("inspect")
            .AppendOption("--builder", settings.Builder)
            .AppendOption(BuildxHistoryFlags.InspectFormat.Name, "json")
            .AppendPositional(settings.Ref);
}
