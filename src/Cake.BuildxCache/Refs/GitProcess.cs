using System.Globalization;
using Cake.Core.IO;

namespace Cake.BuildxCache.Refs;

/// <summary>A git command started by <see cref="GitCli"/>; <see cref="Wait"/> collects what it said.</summary>
internal sealed class GitProcess : IDisposable
{
    private readonly IProcess _process;

    /// <summary>Initializes a new instance of the <see cref="GitProcess"/> class.</summary>
    /// <param name="process">The started process, its output redirected.</param>
    /// <param name="command">The command line, for messages.</param>
    public GitProcess(IProcess process, string command)
    {
        _process = process ?? throw new ArgumentNullException(nameof(process));
        Command = command ?? throw new ArgumentNullException(nameof(command));
    }

    /// <summary>Gets the command line, for messages (<c>git rev-parse …</c>).</summary>
    public string Command { get; }

    /// <summary>Waits for the command to end, at most <see cref="GitCli.Timeout"/>.</summary>
    /// <returns>Its exit code and output.</returns>
    /// <exception cref="TimeoutException">It did not end in time (it is killed).</exception>
    public GitResult Wait()
    {
        // Cake's process wrapper kills the process when the timed wait runs out.
        if (!_process.WaitForExit((int)GitCli.Timeout.TotalMilliseconds))
        {
            throw new TimeoutException(string.Format(
                CultureInfo.InvariantCulture,
                "{0} did not finish within {1} s",
                Command,
                GitCli.Timeout.TotalSeconds));
        }

        // It has exited; the untimed wait also waits until its redirected output is read to the end.
        _process.WaitForExit();
        return new GitResult(_process.GetExitCode(), [.. _process.GetStandardOutput()], [.. _process.GetStandardError()]);
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();
}
