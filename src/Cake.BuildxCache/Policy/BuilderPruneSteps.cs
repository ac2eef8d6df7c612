using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>Pruning the builder's own cache: <c>docker buildx prune</c> with the age and space limits, then optionally <c>docker buildx rm</c>.</summary>
/// <param name="Builder">The builder plan.</param>
/// <param name="Until">Prune what is older than this Go duration, or null.</param>
/// <param name="KeepStorage">Keep this much cache, or null.</param>
/// <param name="RemoveBuilder">Remove the builder afterwards.</param>
public sealed record BuilderPruneSteps(BuilderPlan Builder, string? Until, string? KeepStorage, bool RemoveBuilder)
{
    /// <summary><c>docker buildx inspect</c>: a builder that does not exist is left alone.</summary>
    public BuildxInspectSettings Inspect => DockerCommands.InspectBuilder(Builder);

    /// <summary>
    /// <c>docker buildx prune --all --force</c> with the limits; null when the builder is removed next and its cache
    /// goes with it: <c>buildx rm</c> of a docker-container builder deletes the container's state volume. (A remote or
    /// kubernetes builder's daemon keeps its cache after <c>rm</c>, so it is pruned first.)
    /// </summary>
    public BuildxPruneSettings? Prune =>
        RemoveBuilder && string.Equals(Builder.Driver, "docker-container", StringComparison.OrdinalIgnoreCase)
            ? null
            : DockerCommands.Prune(Builder.Name, Until, KeepStorage);

    /// <summary><c>docker buildx rm</c>, or null unless asked.</summary>
    public BuildxRmSettings? Remove => RemoveBuilder ? DockerCommands.RemoveBuilder(Builder) : null;

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<PlanStep> Steps =>
    [
        new(Inspect),
        .. Prune is { } prune ? new PlanStep[] { new(prune, "when the builder exists") } : [],
        .. Remove is { } remove ? new PlanStep[] { new(remove, "when the builder exists (its cache goes with it)") } : [],
    ];
}
