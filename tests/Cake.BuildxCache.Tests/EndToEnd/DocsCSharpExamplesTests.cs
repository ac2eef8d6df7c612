using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Every C# example of README.md and docs/*.md compiles as what it says it is (<see cref="CSharpExamples"/>), against
/// the packages of this run (<see cref="PackedPackages"/>): a Cake script by the official runner (<c>dotnet cake
/// --tree</c>: the script is compiled and its top level runs, no task does), its <c>#addin</c> line pointed at the
/// packed version; a C# build program in <c>examples/consumer</c>'s build project, the one an adopting repository
/// copies, by <c>dotnet build</c>.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed partial class DocsCSharpExamplesTests
{
    private PackedPackages _packages = null!;
    private ScriptRepository _scripts = null!;
    private TemporaryDirectory _programs = null!;

    private static IEnumerable<TestCaseData> Scripts() =>
        CSharpExamples.All().Where(example => example.Kind == "cake-script")
            .Select(example => new TestCaseData(example.Where, example.Text).SetArgDisplayNames(example.Where));

    private static IEnumerable<TestCaseData> Programs() =>
        CSharpExamples.Programs()
            .Select(files => new TestCaseData(files[0].Where, files.Select(file => file.Text).ToArray()).SetArgDisplayNames(files[0].Where));

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _packages = PackedPackages.Shared;
        _scripts = ScriptRepository.Create(_packages);
        _programs = new TemporaryDirectory();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _scripts?.Dispose();
        _programs?.Dispose();
    }

    [TestCaseSource(nameof(Scripts))]
    public void A_cake_script_compiles_under_the_official_runner(string where, string text)
    {
        var addins = AddinLine().Matches(text);
        Assert.That(addins, Has.Count.LessThanOrEqualTo(1), $"{where}: one #addin line at most");
        var script = addins.Count == 0
            ? CakeScripts.AddinLine(_packages.Version) + "\n\n" + text
            : AddinLine().Replace(text, CakeScripts.AddinLine(_packages.Version));
        var file = "example-" + Regex.Replace(where, "[^0-9A-Za-z]+", "-") + ".cake";
        _scripts.Workspace.Write(file, script);
        using var sandbox = new DockerSandbox(BuildxKind.None);

        var run = _scripts.Run(sandbox.Environment(), [file, "--tree"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), $"{where}, as the runner compiled it:\n{script}\n{run}");
        Assert.That(sandbox.DockerCalls(), Is.Empty, "compiling a script runs no docker");
    }

    [TestCaseSource(nameof(Programs))]
    public void A_build_program_compiles_against_the_packages(string where, string[] files)
    {
        var project = Path.Combine(_programs.Path, Regex.Replace(where, "[^0-9A-Za-z]+", "-"));
        CopyConsumer(project);
        var build = Path.Combine(project, "build");
        foreach (var source in Directory.EnumerateFiles(build, "*.cs"))
        {
            File.Delete(source);
        }

        File.WriteAllText(Path.Combine(build, "Program.cs"), files[0]);
        for (var index = 1; index < files.Length; index++)
        {
            File.WriteAllText(Path.Combine(build, $"Example{index}.cs"), files[index]);
        }

        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackedPackages.GlobalPackagesFolder, ["DOTNET_NOLOGO"] = "1" };
        var restore = ProcessRunner.Run("dotnet", ["tool", "restore"], project, environment, TimeSpan.FromMinutes(5));
        Assert.That(restore.ExitCode, Is.Zero, restore.Output);

        var compile = ProcessRunner.Run(
            "dotnet",
            ["build", Path.Combine(build, "Build.csproj"), "-nologo", "-p:CakeBuildxCacheVersion=" + _packages.Version, "-p:TreatWarningsAsErrors=false"],
            project,
            environment,
            TimeSpan.FromMinutes(5));

        Assert.That(compile.ExitCode, Is.Zero, $"{where}:\n{string.Join("\n// next file\n", files)}\n{Errors(compile.Output)}");
    }

    // The consumer example without its build output, with the packed packages in its folder feed.
    private void CopyConsumer(string target)
    {
        var source = Path.Combine(RepositoryRoot.Path, "examples", "consumer");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "packages"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        _packages.CopyTo(Path.Combine(target, "packages"));
    }

    private static string Errors(string output) =>
        string.Join("\n", output.Split('\n').Where(line => line.Contains(" error ", StringComparison.Ordinal)).Distinct()) is { Length: > 0 } errors ? errors : output;

    [GeneratedRegex(@"^#addin nuget:\?package=Cake\.BuildxCache&version=\S+$", RegexOptions.Multiline)]
    private static partial Regex AddinLine();
}
