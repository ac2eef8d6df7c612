using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Runs <c>docker buildx create</c>.</summary>
public sealed class BuildxCreateRunner : DockerCliTool<BuildxCreateSettings>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="BuildxCreateRunner"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    public BuildxCreateRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>Creates the builder.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The name of the builder, as buildx prints it.</returns>
    /// <exception cref="CakeException">buildx failed, e.g. a builder of that name exists already.</exception>
    public string Run(BuildxCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = Execute(settings, new DockerInvocation(Describe(settings)) { CaptureOutput = true });
        return NameIn(result, settings);
    }

    /// <summary>
    /// Creates the builder unless one of that name exists: buildx then refuses without touching it
    /// ("existing instance for NAME but no append mode", buildx 0.10 to 0.36 alike), which is data here, not a failure.
    /// </summary>
    /// <param name="settings">The settings, with a <see cref="BuildxCreateSettings.Name"/> and neither node nor append.</param>
    /// <returns>The name of the builder created, or null when one of that name exists.</returns>
    /// <exception cref="CakeException">buildx failed for another reason.</exception>
    internal string? RunUnlessExists(BuildxCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = Execute(settings, new DockerInvocation(Describe(settings)) { CaptureOutput = true, AcceptsFailure = failure => SaysExists(failure, settings.Name) });
        return result.Succeeded ? NameIn(result, settings) : null;
    }

    /// <summary>Whether buildx refused to create <paramref name="name"/> because a builder of that name exists.</summary>
    /// <param name="result">What <c>docker buildx create</c> left.</param>
    /// <param name="name">The builder's name.</param>
    /// <returns><c>true</c> for that refusal only.</returns>
    internal static bool SaysExists(DockerCommandResult result, string? name) =>
        !result.Succeeded && name is not null && result.Mentions($"existing instance for \"{name}\" but no append mode");

    private static string Describe(BuildxCreateSettings settings) =>
        "docker buildx create" + (settings.Name is null ? string.Empty : " --name " + settings.Name);

    private static string NameIn(DockerCommandResult result, BuildxCreateSettings settings) =>
        result.Output.LastOrDefault(line => line.Trim().Length > 0)?.Trim() ?? settings.Name ?? string.Empty;

    /// <inheritdoc />
    protected override void AppendArguments(ProcessArgumentBuilder arguments, BuildxCreateSettings settings)
    {
        var configSwitch = settings.ConfigFlag == BuildxConfigFlag.BuildkitdConfig ? "--buildkitd-config" : "--config";
        arguments.Append("buildx").Append("create")
            .AppendOption("--name", settings.Name)
            .AppendOption("--driver", settings.Driver)
            .AppendSortedCsv("--driver-opt", settings.DriverOptions)
            .AppendOption("--buildkitd-flags", settings.BuildkitdFlags)
            .AppendOption(configSwitch, settings.BuildkitdConfig)
            .AppendJoined("--platform", settings.Platforms)
            .AppendOption("--node", settings.Node)
            .AppendFlag("--append", settings.Append)
            .AppendFlag("--use", settings.Use)
            .AppendFlag("--bootstrap", settings.Bootstrap)
            .AppendPositional(settings.Endpoint);
    }
}
