using System.Collections.Immutable;
using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Starts read-only git commands through Cake's process runner. git is found the way Cake finds every tool
/// (its tool locator: registrations, <c>./tools</c>, PATH), its command lines show in Cake's diagnostic log,
/// and nothing native is loaded into the build: the same under the official runner, a Frosting-style host
/// and a consumer's own app.
/// </summary>
internal sealed class GitCli
{
    /// <summary>
    /// How long one command may take. Reading refs takes milliseconds; a git that hangs (a stalled network
    /// file system, say) stops the build with a reason instead of holding it forever.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Each of these would make git read another repository, index or object store than the one the
    // directory is in: a git hook that runs the build sets GIT_DIR (often relative), for one. The directory
    // alone decides, as it did when refs were read in-process.
    private static readonly ImmutableArray<string> RepositoryVariables =
    [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_COMMON_DIR",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
    ];

    private readonly IProcessRunner _processRunner;
    private readonly Lazy<FilePath?> _executable;

    /// <summary>Initializes a new instance of the <see cref="GitCli"/> class.</summary>
    /// <param name="processRunner">Cake's process runner.</param>
    /// <param name="tools">Cake's tool locator, which finds git.</param>
    public GitCli(IProcessRunner processRunner, IToolLocator tools)
    {
        _processRunner = processRunner ?? throw new ArgumentNullException(nameof(processRunner));
        ArgumentNullException.ThrowIfNull(tools);
        _executable = new Lazy<FilePath?>(() => tools.Resolve(["git", "git.exe"]));
    }

    /// <summary>Gets where git is, or null when Cake's tool locator finds none.</summary>
    public FilePath? Executable => _executable.Value;

    /// <summary>
    /// Starts <c>git --no-pager <paramref name="arguments"/></c> in <paramref name="directory"/> with its
    /// output captured; it runs while the caller starts others.
    /// </summary>
    /// <param name="directory">The working directory: git finds the repository from there.</param>
    /// <param name="arguments">The command and its arguments; none may need quoting.</param>
    /// <param name="outputFilter">Rewrites each output line before Cake logs or keeps it, or null.</param>
    /// <returns>The running command.</returns>
    /// <exception cref="InvalidOperationException">git was not found (check <see cref="Executable"/> first).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">git was found but could not be started.</exception>
    public GitProcess Start(string directory, IReadOnlyList<string> arguments, Func<string, string>? outputFilter = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(arguments);
        var executable = Executable ?? throw new InvalidOperationException("git was not found.");

        var builder = new ProcessArgumentBuilder();
        builder.Append("--no-pager");
        foreach (var argument in arguments)
        {
            builder.Append(argument);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Messages in English whatever the user's locale: failures are told apart by their text.
            ["LC_ALL"] = "C",

            // Never wait for a password nobody will type.
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
        foreach (var variable in RepositoryVariables)
        {
            // A null value removes the variable from the child's environment.
            environment[variable] = null!;
        }

        var settings = new ProcessSettings
        {
            Arguments = builder,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectedStandardOutputHandler = outputFilter is null ? null : line => line is null ? line! : outputFilter(line),
            EnvironmentVariables = environment,
        };
        return new GitProcess(_processRunner.Start(executable, settings), "git " + string.Join(' ', arguments));
    }
}
