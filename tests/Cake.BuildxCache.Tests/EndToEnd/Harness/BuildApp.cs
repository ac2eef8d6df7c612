using System.Diagnostics;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Runs <c>./build.sh</c> as CI does: a process with only the environment given (nothing of the test
/// runner's CI variables leaks in), <c>--working</c> at the test's repository. With a secret, every process's
/// argv (<c>/proc/*/cmdline</c>) is scanned in a loop while the build runs.
/// </summary>
internal static class BuildApp
{
    public static BuildRun Run(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> arguments,
        string? secret = null,
        TimeSpan? timeout = null) =>
        RunProgram(Tools.BuildSh, ["--working=" + workingDirectory, .. arguments], workingDirectory, environment, secret, timeout);

    /// <summary>Any build program (the official Cake runner, for one) run the same way: only the environment given, argv scanned for the secret.</summary>
    public static BuildRun RunProgram(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string? secret = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start");
        using var scanner = secret is null ? null : ArgvScanner.Start(secret);
        process.StandardInput.Close();
        var output = new List<string>();
        void Collect(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Add(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {limit}:\n{string.Join('\n', output)}");
        }

        process.WaitForExit();
        clock.Stop();
        var scan = scanner?.Stop();
        lock (output)
        {
            return new BuildRun(process.ExitCode, [.. output], clock.Elapsed, scan);
        }
    }
}

/// <summary>What a run of <c>./build.sh</c> did.</summary>
internal sealed record BuildRun(int ExitCode, IReadOnlyList<string> Lines, TimeSpan Elapsed, ArgvScan? Scan)
{
    public string Output => string.Join('\n', Lines);

    public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s:\n{Output}";
}
