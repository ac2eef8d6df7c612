using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// What a script sees of Cake.Docker, the addin most Cake scripts load: its aliases as <c>Name(parameter types)</c> and
/// its public type names, as <c>Fixtures/cake-docker/aliases.txt</c> records them (written by <c>extract.sh</c> beside
/// it from Cake.Docker's source at the commit its header names; Cake.Docker is not on the feed the tests use).
/// </summary>
/// <param name="Source">The header's first line: version, repository and commit.</param>
/// <param name="Aliases">The aliases, e.g. <c>DockerLogout(string)</c>.</param>
/// <param name="Types">The public type names, e.g. <c>DockerRegistryLoginSettings</c>.</param>
internal sealed record CakeDockerSurface(string Source, IReadOnlyList<string> Aliases, IReadOnlyList<string> Types)
{
    public static string FilePath =>
        Path.Combine(RepositoryRoot.Path, "tests", "Cake.BuildxCache.Tests", "Fixtures", "cake-docker", "aliases.txt");

    public static CakeDockerSurface Read()
    {
        var lines = File.ReadAllLines(FilePath);
        return new CakeDockerSurface(
            lines[0].TrimStart('#', ' '),
            [.. lines.Where(line => line.StartsWith("alias ", StringComparison.Ordinal)).Select(line => line["alias ".Length..])],
            [.. lines.Where(line => line.StartsWith("type ", StringComparison.Ordinal)).Select(line => line["type ".Length..])]);
    }
}
