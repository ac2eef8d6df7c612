using System.Text;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Reads every process's command line from <c>/proc/*/cmdline</c> in a tight loop on its own thread,
/// keeping the distinct command lines seen and those that contain the secret.
/// </summary>
internal sealed class ArgvScanner : IDisposable
{
    private readonly string _secret;
    private readonly Thread _thread;
    private readonly HashSet<string> _seen = [];
    private readonly List<string> _leaks = [];
    private volatile bool _stop;
    private int _passes;

    private ArgvScanner(string secret)
    {
        _secret = secret;
        _thread = new Thread(Loop) { IsBackground = true, Name = "argv scanner" };
    }

    public static ArgvScanner Start(string secret)
    {
        var scanner = new ArgvScanner(secret);
        scanner._thread.Start();
        return scanner;
    }

    public ArgvScan Stop()
    {
        _stop = true;
        _thread.Join();
        return new ArgvScan([.. _seen], [.. _leaks], _passes);
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop)
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(directory);
                if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
                {
                    continue;
                }

                string commandLine;
                try
                {
                    commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Replace('\0', ' ').Trim();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    continue; // The process ended meanwhile.
                }

                if (commandLine.Length > 0 && _seen.Add(commandLine) && commandLine.Contains(_secret, StringComparison.Ordinal))
                {
                    _leaks.Add(commandLine);
                }
            }

            _passes++;

            // A short pause leaves the two cores to the build; a pass still comes every few milliseconds.
            Thread.Sleep(2);
        }
    }
}

/// <summary>The command lines a scan saw, those holding the secret, and how many passes it made.</summary>
internal sealed record ArgvScan(IReadOnlyList<string> CommandLines, IReadOnlyList<string> Leaks, int Passes);
