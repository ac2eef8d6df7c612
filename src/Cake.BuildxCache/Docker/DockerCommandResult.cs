namespace Cake.BuildxCache.Docker;

/// <summary>
/// What one docker invocation left behind: its exit code and, when the runner captured them,
/// its standard output and standard error lines. Every runner returns this shape, so a caller
/// reads a failure as data (for example a missing builder) the same way for every command.
/// </summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Standard output lines; empty when output was not captured.</param>
/// <param name="Error">Standard error lines; empty when output was not captured.</param>
public sealed record DockerCommandResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Error)
{
    /// <summary>Gets a value indicating whether docker exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Gets standard output followed by standard error.</summary>
    public IEnumerable<string> Lines => Output.Concat(Error);

    /// <summary>Whether any captured line contains <paramref name="text"/> (ordinal, case-insensitive).</summary>
    /// <param name="text">The text to look for.</param>
    /// <returns><c>true</c> when a line contains it.</returns>
    public bool Mentions(string text) => Lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
}
