using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// The official Cake runner, <c>cake.tool</c> 7.0.0, as a repository brings it in: a local tool listed in
/// <c>.config/dotnet-tools.json</c>, restored with <c>dotnet tool restore</c> and started as <c>dotnet cake</c>.
/// dotnet remembers a restore in <c>DOTNET_CLI_HOME</c> (else HOME), so a restore holds for every run given the same
/// one; the tool package itself stays in the machine's global packages folder.
/// </summary>
internal static class OfficialRunner
{
    public const string Version = "7.0.0";

    /// <summary>The tool manifest, <c>.config/dotnet-tools.json</c>.</summary>
    public const string ManifestPath = ".config/dotnet-tools.json";

    public static string Manifest => $$"""
        {
          "version": 1,
          "isRoot": true,
          "tools": {
            "cake.tool": { "version": "{{Version}}", "commands": [ "dotnet-cake" ], "rollForward": false }
          }
        }

        """;

    private static string Dotnet => ToolPath.Require("dotnet", "the .NET SDK");

    /// <summary><c>dotnet tool restore</c> in <paramref name="repository"/>, remembered in <paramref name="cliHome"/>.</summary>
    public static void Restore(string repository, string cliHome)
    {
        var restore = ProcessRunner.Run(
            Dotnet,
            ["tool", "restore"],
            repository,
            Environment(cliHome).ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            TimeSpan.FromMinutes(5));
        Assert.That(restore.ExitCode, Is.EqualTo(0), "dotnet tool restore:\n" + restore.Output);
    }

    /// <summary>
    /// <c>dotnet cake [script] arguments</c> in <paramref name="repository"/> with only <paramref name="environment"/>
    /// (plus where dotnet keeps its restore and packages), argv scanned for <paramref name="secret"/>.
    /// </summary>
    public static BuildRun Run(
        string repository,
        string cliHome,
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> arguments,
        string? secret = null)
    {
        var variables = new Dictionary<string, string>(environment);
        foreach (var (name, value) in Environment(cliHome))
        {
            variables[name] = value;
        }

        return BuildApp.RunProgram(Dotnet, ["cake", .. arguments], repository, variables, secret, TimeSpan.FromMinutes(10));
    }

    private static Dictionary<string, string> Environment(string cliHome) => new()
    {
        ["DOTNET_CLI_HOME"] = cliHome,
        ["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["NO_COLOR"] = "1",
    };
}
