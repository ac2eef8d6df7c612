using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// The run's <c>Cake.BuildxCache.Templates</c> package (<see cref="PackedPackages"/>) installed as a user installs it,
/// <c>dotnet new install &lt;nupkg&gt;</c>, into a template hive of its own (<c>--debug:custom-hive</c>), so the
/// machine's templates are neither read nor changed; installed once per run, on first use.
/// </summary>
internal sealed class TemplateHive
{
    /// <summary>The template's short name, what a user types after <c>dotnet new</c>.</summary>
    public const string ShortName = "buildx-cache";

    private static readonly Lazy<TemplateHive> Installed = new(Install);

    private readonly TemporaryDirectory _directory;

    private TemplateHive(TemporaryDirectory directory) => _directory = directory;

    /// <summary>The hive with the run's template package, installed on first use.</summary>
    public static TemplateHive Shared => Installed.Value;

    /// <summary><c>dotnet new buildx-cache <paramref name="arguments"/></c> in <paramref name="repository"/>; fails the test when it fails.</summary>
    public void New(string repository, params string[] arguments)
    {
        var run = Dotnet(["new", ShortName, .. arguments, "--debug:custom-hive", _directory.Path], repository);
        Assert.That(run.ExitCode, Is.EqualTo(0), "dotnet new " + ShortName + ":\n" + run.Output);
    }

    private static TemplateHive Install()
    {
        var hive = new TemplateHive(new TemporaryDirectory());
        var package = PackedPackages.Shared.File("Cake.BuildxCache.Templates");
        var install = Dotnet(["new", "install", package, "--debug:custom-hive", hive._directory.Path], hive._directory.Path);
        if (install.ExitCode != 0 || !install.Output.Contains(ShortName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dotnet new install {package} failed (exit code {install.ExitCode}):\n{install.Output}");
        }

        return hive;
    }

    private static ProcessResult Dotnet(IEnumerable<string> arguments, string workingDirectory) =>
        ProcessRunner.Run(
            ToolPath.Require("dotnet", "the .NET SDK"),
            arguments,
            workingDirectory,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            TimeSpan.FromMinutes(3));
}
