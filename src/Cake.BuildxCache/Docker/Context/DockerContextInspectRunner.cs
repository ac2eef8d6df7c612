using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>Runs <c>docker context inspect</c>; a context that does not exist is an answer, not an error.</summary>
public sealed class DockerContextInspectRunner : DockerCliTool<DockerContextInspectSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DockerContextInspectRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public DockerContextInspectRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Inspects the context.</summary>
    /// <param name="settings">The settings; <see cref="DockerContextInspectSettings.Name"/> is required.</param>
    /// <returns>The context, or <c>null</c> when it does not exist.</returns>
    /// <exception cref="CakeException">docker failed for another reason.</exception>
    public DockerContextInfo? Run(DockerContextInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Name, nameof(settings));
        var result = Execute(settings, new DockerInvocation("docker context inspect " + settings.Name)
        {
            CaptureOutput = true,
            AcceptsFailure = IsMissing,
        });

        return IsMissing(result) ? null : DockerContextInfoParser.Parse(string.Join('\n', result.Output));
    }

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, DockerContextInspectSettings settings) =>
        arguments.Append("context").Append("inspect").AppendPositional(settings.Name);

    // docker 28: `context "x": context not found: …`; older CLIs: `context "x" does not exist`.
    private static bool IsMissing(DockerCommandResult result) =>
        !result.Succeeded && (result.Mentions("context not found") || result.Mentions("does not exist"));
}
