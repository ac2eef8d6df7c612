using System.Diagnostics;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A real <c>ssh-agent</c> of one test, in the foreground (<c>-D</c>) on a socket in a temporary directory, holding
/// one generated ed25519 key. Dispose kills the agent (by its own process) and deletes the directory.
/// </summary>
internal sealed class SshAgent : IDisposable
{
    private static readonly string[] Programs = ["ssh-agent", "ssh-keygen", "ssh-add"];

    private readonly Process _process;
    private readonly TemporaryDirectory _directory;

    private SshAgent(Process process, TemporaryDirectory directory, string socket)
    {
        _process = process;
        _directory = directory;
        Socket = socket;
    }

    /// <summary>The agent's socket: what <c>SSH_AUTH_SOCK</c> names.</summary>
    public string Socket { get; }

    /// <summary>The programs of OpenSSH's client the agent needs that are not on PATH; empty when all are.</summary>
    public static IReadOnlyList<string> MissingPrograms() =>
        [.. Programs.Where(program => ToolPath.Find(program) is null)];

    /// <summary>Starts an agent and adds a new key to it; the test stops with one line when a program is missing.</summary>
    public static SshAgent Start()
    {
        var missing = MissingPrograms();
        if (missing.Count > 0)
        {
            Assert.Ignore($"missing {string.Join(", ", missing)} (the openssh-client package): the --ssh test needs a real ssh-agent");
        }

        var directory = new TemporaryDirectory();
        var socket = Path.Combine(directory.Path, "agent.sock");
        var start = new ProcessStartInfo(ToolPath.Find("ssh-agent")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-D");
        start.ArgumentList.Add("-a");
        start.ArgumentList.Add(socket);
        var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-agent did not start");
        var agent = new SshAgent(process, directory, socket);
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socket))
            {
                if (process.HasExited)
                {
                    Assert.Fail("ssh-agent exited: " + process.StandardError.ReadToEnd());
                }

                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "ssh-agent made no socket at " + socket);
                Thread.Sleep(50);
            }

            var key = Path.Combine(directory.Path, "id_ed25519");
            var keygen = ProcessRunner.Run(ToolPath.Find("ssh-keygen")!, ["-q", "-t", "ed25519", "-N", "", "-C", "e2e-ssh", "-f", key], timeout: TimeSpan.FromSeconds(30));
            Assert.That(keygen.ExitCode, Is.EqualTo(0), "ssh-keygen: " + keygen.Output);
            var add = ProcessRunner.Run(ToolPath.Find("ssh-add")!, [key], environment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket }, timeout: TimeSpan.FromSeconds(30));
            Assert.That(add.ExitCode, Is.EqualTo(0), "ssh-add: " + add.Output);
            var list = ProcessRunner.Run(ToolPath.Find("ssh-add")!, ["-l"], environment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket }, timeout: TimeSpan.FromSeconds(30));
            Assert.That(list.StandardOutput, Does.Contain("e2e-ssh"), "the agent holds the key: " + list.Output);
            return agent;
        }
        catch
        {
            agent.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
