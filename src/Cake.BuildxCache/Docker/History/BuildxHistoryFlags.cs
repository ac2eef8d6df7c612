using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Docker.History;

/// <summary>
/// What <c>docker buildx history</c> needs, as the buildx source has it: the <c>history</c> commands came with buildx
/// 0.20.0 (commit 06912aa2, "Add buildx history command"), <c>history inspect --format json</c> with 0.21.0 (commit
/// ccca7c79, "history: json format support for inspect command"). <c>--builder</c> is buildx's root flag, known to
/// every subcommand.
/// </summary>
public static class BuildxHistoryFlags
{
    /// <summary>Gets <c>history inspect --format</c>: buildx 0.21.</summary>
    public static BuildxFlag InspectFormat { get; } = new("--format", new Version(0, 21, 0));
}
