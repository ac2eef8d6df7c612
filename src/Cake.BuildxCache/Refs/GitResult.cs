using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// What a git command said. git runs with <c>LC_ALL=C</c> (<see cref="GitCli"/>), so its messages are the
/// English ones that <see cref="NotARepository"/> and <see cref="DubiousRepository"/> look for.
/// </summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">The lines written to standard output.</param>
/// <param name="Error">The lines written to standard error.</param>
internal sealed partial record GitResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Error)
{
    /// <summary>Gets a value indicating whether the command exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Gets the non-empty output lines.</summary>
    public IEnumerable<string> Lines => Output.Where(line => line.Length > 0);

    /// <summary>Gets what git said on standard error, on one line.</summary>
    public string ErrorText => string.Join(" ", Error.Select(line => line.Trim()).Where(line => line.Length > 0));

    /// <summary>Gets a value indicating whether git found no repository in the directory or its parents.</summary>
    public bool NotARepository => !Succeeded && Error.Any(line => line.Contains("not a git repository", StringComparison.Ordinal));

    /// <summary>
    /// Gets the repository git refused to read because another user owns it (git 2.35.2 and later; common
    /// in containers, whose user is not the checkout's owner), or null.
    /// </summary>
    public string? DubiousRepository => Succeeded
        ? null
        : Error.Select(line => Dubious().Match(line)).FirstOrDefault(match => match.Success)?.Groups["path"].Value;

    [GeneratedRegex("detected dubious ownership in repository at '(?<path>.+)'", RegexOptions.CultureInvariant)]
    private static partial Regex Dubious();
}
