using System.Globalization;
using System.Text.RegularExpressions;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Asks <c>origin</c>, with <c>git ls-remote</c> in the checkout, which branches and tags it has and which branch its
/// <c>HEAD</c> names: what the registry prune goes by when CI and the options do not say. git runs through the same
/// runner as the refs (LC_ALL=C, no prompt, no inherited GIT_DIR).
/// </summary>
internal sealed partial class RemoteRefReader
{
    private readonly GitCli _git;
    private readonly string _directory;

    /// <summary>Initializes a new instance of the <see cref="RemoteRefReader"/> class.</summary>
    /// <param name="processRunner">Cake's process runner.</param>
    /// <param name="tools">Cake's tool locator, which finds git.</param>
    /// <param name="directory">The checkout (the working directory).</param>
    public RemoteRefReader(IProcessRunner processRunner, IToolLocator tools, string directory)
    {
        _git = new GitCli(processRunner, tools);
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
    }

    /// <summary><c>git ls-remote --symref origin HEAD</c>: the branch the remote's HEAD names.</summary>
    /// <returns>The listing.</returns>
    public RemoteListing SymrefHead() => Run("ls-remote", "--symref", "origin", "HEAD");

    /// <summary><c>git ls-remote --heads origin</c>: the remote's branches.</summary>
    /// <returns>The listing.</returns>
    public RemoteListing Heads() => Run("ls-remote", "--heads", "origin");

    /// <summary><c>git ls-remote --tags origin</c>: the remote's tags.</summary>
    /// <returns>The listing.</returns>
    public RemoteListing Tags() => Run("ls-remote", "--tags", "origin");

    private RemoteListing Run(params string[] arguments)
    {
        if (_git.Executable is null)
        {
            return new(null, "git is not on PATH");
        }

        GitResult result;
        try
        {
            using var process = _git.Start(_directory, arguments, Redact);
            result = process.Wait();
        }
        catch (TimeoutException exception)
        {
            return new(null, exception.Message);
        }

        return result.Succeeded
            ? new(string.Join('\n', result.Output), null)
            : new(null, $"exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}{(result.ErrorText.Length == 0 ? string.Empty : ": " + Redact(result.ErrorText))}");
    }

    // A git error may quote the remote's URL, and a CI checkout's URL carries the job token.
    private static string Redact(string line) => UrlCredentials().Replace(line, "://[redacted]@");

    [GeneratedRegex(@"://[^/\s@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();
}
