using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>What the fake docker answers to one call: exit code, the lines it prints, and what it does on the side.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output lines.</param>
/// <param name="Error">Standard error lines.</param>
internal sealed record DockerAnswer(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Error)
{
    public static DockerAnswer Ok(params string[] output) => new(0, output, []);

    public static DockerAnswer Fail(int exitCode, params string[] error) => new(exitCode, [], error);

    /// <summary>A real captured output (<c>Fixtures/buildx-0.10.5</c> in this test project, or of <paramref name="version"/>): on stdout when it succeeded, on stderr when it failed, as docker prints them.</summary>
    public static DockerAnswer Fixture(string name, string version = Fixtures.Buildx0105)
    {
        var (lines, exitCode) = Fixtures.Captured(name, version);
        return exitCode == 0 ? new(exitCode, lines, []) : new(exitCode, [], lines);
    }

    /// <summary>Runs before the answer is given, e.g. writes the build's metadata file.</summary>
    public Action<DockerCall>? SideEffect { get; init; }
}
