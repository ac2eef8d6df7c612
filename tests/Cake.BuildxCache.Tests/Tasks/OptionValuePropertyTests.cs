using System.Diagnostics;
using System.Text;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// Hostile values for every option, through the real host to the command lines it starts: each value is refused
/// with a line naming the option, or it reaches docker without changing the command's shape. The shape is read the
/// way the operating system hands it to docker: the rendered command line is given to a real process (a script that
/// prints its argv), so quoting is checked by the same parser that starts docker.
/// </summary>
[NonParallelizable]
public sealed class OptionValuePropertyTests
{
    /// <summary>Options whose value docker gets verbatim inside one argument when the value is accepted.</summary>
    private static readonly HashSet<string> Verbatim = new(StringComparer.Ordinal)
    {
        "dockerfile", "context", "stage", "builder", "buildkitd-config", "tag", "label", "build-arg", "title",
        "registry-user", "metadata-file", "driver-opt",
    };

    /// <summary>Options whose value is a path: Cake's paths read '\' as '/', on every platform.</summary>
    private static readonly HashSet<string> Paths = new(StringComparer.Ordinal) { "dockerfile", "context", "buildkitd-config", "metadata-file" };

    /// <summary>What separates a list option's items (documented for <c>--tag</c>, <c>--platform</c>, …).</summary>
    private static readonly char[] ListSeparators = [',', ';', ' ', '\t', '\r', '\n'];

    private TemporaryDirectory _directory = null!;
    private string _argvScript = null!;

    private static IEnumerable<string> Names =>
        OptionCatalog.All.Where(option => !option.IsSecret).Select(option => option.Name);

    /// <summary>Commas, '=', quotes, newlines, control characters, 100 KB, unicode, shell syntax, flags.</summary>
    private static IEnumerable<string> HostileValues(string option)
    {
        // A seed of the name itself: the same values every run (string hash codes differ per process).
        var random = new Random(option.Sum(c => (int)c));
        string[] pieces = ["a", "b", ",", "=", "\"", "'", "\\", " ", "\t", "$(id)", "`id`", ";", "|", "ü", "日本", "--push", "%s", "*"];
        yield return "a,b";
        yield return "key=value=more";
        yield return "say \"hi\"";
        yield return "it's";
        yield return "back\\slash\\";
        yield return "line1\nline2";
        yield return "ctrl\u0001char\u001b[31m";
        yield return "two words";
        yield return "ünïcødé-日本語-✓";
        yield return "--push";
        yield return "x" + new string('y', 100 * 1024);
        yield return string.Concat(Enumerable.Range(0, 6).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    [OneTimeSetUp]
    public void WriteTheArgvPrinter()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The argv printer is a POSIX shell script.");
            return;
        }

        _directory = new TemporaryDirectory();
        _argvScript = _directory.Write("argv.sh", "#!/bin/sh\nprintf '%s\\0' \"$@\"\n");
        File.SetUnixFileMode(_argvScript, (UnixFileMode)0b111_101_101);
    }

    [OneTimeTearDown]
    public void RemoveTheArgvPrinter() => _directory?.Dispose();

    [TestCaseSource(nameof(Names))]
    public void Every_hostile_value_is_refused_naming_the_option_or_reaches_docker_as_one_argument(string option)
    {
        // The flags the option itself brings (--target for --stage): what a plain value gives, or no value at all.
        var descriptor = OptionCatalog.All.Single(candidate => candidate.Name == option);
        var plain = Publish([$"--{option}={descriptor.Example}"]);
        var baselineFlags = Flags((plain.ExitCode == 0 ? plain : Publish([])).Calls.Select(call => Argv(call.Arguments)));
        Assert.Multiple(() =>
        {
            foreach (var value in HostileValues(option))
            {
                var shown = value.Length > 40 ? value[..40] + "…" : value;
                var run = Publish([$"--{option}={value}"]);
                if (run.ExitCode != 0)
                {
                    Assert.That(
                        run.Output,
                        Does.Contain($"  - {option}").Or.Contain($"--{option}"),
                        $"--{option}={shown}: refused without naming the option:\n{Tail(run.Output)}");
                    Assert.That(run.Output, Does.Not.Contain("   at "), $"--{option}={shown}: a stack trace");
                    Assert.That(run.Calls.Where(call => call.Arguments.StartsWith("buildx build", StringComparison.Ordinal)), Is.Empty, $"--{option}={shown}: built although refused");
                    continue;
                }

                var calls = run.Calls.Select(call => Argv(call.Arguments)).ToList();
                var added = Flags(calls).Except(baselineFlags).Where(flag => !IsOptionsOwnFlag(option, flag, value)).ToList();
                Assert.That(added, Is.Empty, $"--{option}={shown}: the value changed the command's flags");
                if (!Verbatim.Contains(option))
                {
                    continue;
                }

                // A list option's value is its items; a path is Cake's path; surrounding white space is no part of a value.
                var pieces = descriptor.IsList ? value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [value.Trim()];
                foreach (var piece in pieces.Select(piece => Paths.Contains(option) ? piece.Replace('\\', '/') : piece))
                {
                    Assert.That(
                        calls.SelectMany(argv => argv).Any(argument => argument.Contains(piece, StringComparison.Ordinal)),
                        Is.True,
                        $"--{option}={shown}: accepted, but no argument carries '{(piece.Length > 40 ? piece[..40] : piece)}' whole:\n  {string.Join("\n  ", run.Calls.Select(call => call.Arguments.Length > 300 ? call.Arguments[..300] : call.Arguments))}");
                }
            }
        });
    }

    private static HashSet<string> Flags(IEnumerable<IReadOnlyList<string>> calls) =>
        calls.SelectMany(argv => argv).Where(argument => argument.StartsWith('-')).ToHashSet(StringComparer.Ordinal);

    /// <summary>A value that is itself a flag (<c>--push</c>) legitimately shows as the option's own argument's value.</summary>
    private static bool IsOptionsOwnFlag(string option, string flag, string value) => flag == value && Verbatim.Contains(option);

    private static BuildxRunResult Publish(string[] arguments)
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        return host.Run(["--target=Publish", "--check-cache-refs=false", .. arguments]);
    }

    /// <summary>The argv a process gets for <paramref name="commandLine"/>, as the runtime that starts docker splits it.</summary>
    private IReadOnlyList<string> Argv(string commandLine)
    {
        var start = new ProcessStartInfo(_argvScript, commandLine) { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Split('\0').SkipLast(1)];
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(12));
}
