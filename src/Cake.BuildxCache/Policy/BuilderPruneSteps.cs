using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Pruning the builder's own cache: <c>docker buildx prune</c> with the age filter and space limits, then optionally
/// <c>docker buildx rm</c>. Which flags carry the space limits depends on buildx's and BuildKit's versions
/// (<see cref="PruneSpacePolicy"/>), so the run asks buildx its version when a limit is set and EnsureBuilder has not.
/// </summary>
/// <param name="Builder">The builder plan.</param>
/// <param name="Until">Prune what is older than this Go duration, or null.</param>
/// <param name="Space">The space limits.</param>
/// <param name="RemoveBuilder">Remove the builder afterwards.</param>
public sealed record BuilderPruneSteps(BuilderPlan Builder, string? Until, PruneSpace Space, bool RemoveBuilder)
{
    /// <summary><c>docker buildx inspect</c>: a builder that does not exist is left alone; a running one tells its BuildKit version.</summary>
    public BuildxInspectSettings Inspect => DockerCommands.InspectBuilder(Builder);

    /// <summary><c>docker buildx version</c>, or null when no space limit is set or there is no prune: the space flags depend on it.</summary>
    public BuildxVersionSettings? Version => Space.IsSet && Prunes ? new() : null;

    /// <summary>
    /// <c>docker buildx prune --all --force</c> with the limits as the current buildx takes them (what Plan prints); null when
    /// the builder is removed next and its cache goes with it: <c>buildx rm</c> of a docker-container builder deletes the
    /// container's state volume. (A remote or kubernetes builder's daemon keeps its cache after <c>rm</c>, so it is pruned first.)
    /// </summary>
    public BuildxPruneSettings? Prune => Prunes ? DockerCommands.Prune(Builder.Name, Until, PruneSpacePolicy.Choose(Space, null, [])) : null;

    /// <summary><c>docker buildx rm</c>, or null unless asked.</summary>
    public BuildxRmSettings? Remove => RemoveBuilder ? DockerCommands.RemoveBuilder(Builder) : null;

    /// <summary>
    /// Whether the inspect can be left out because this run's EnsureBuilder made this builder ready: it exists as
    /// planned, and nothing else is needed from buildx (a space limit needs the builder's BuildKit version).
    /// </summary>
    /// <param name="ensuredBuilder">The builder this run's EnsureBuilder made ready, or null.</param>
    /// <returns>True when the inspect is left out.</returns>
    public bool TrustsEnsuredBuilder(string? ensuredBuilder) => ensuredBuilder == Builder.Name && !Space.IsSet;

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<PlanStep> Steps =>
    [
        new(Inspect, Space.IsSet ? null : "unless this run's EnsureBuilder made the builder ready"),
        .. Version is { } version ? new PlanStep[] { new(version, "when the builder exists and EnsureBuilder did not ask before: the space flags depend on it") } : [],
        .. Prune is { } prune ? new PlanStep[] { new(prune, "when the builder exists" + (PruneSpacePolicy.PlanNote(Space) is { } note ? "; " + note : string.Empty)) } : [],
        .. Remove is { } remove ? new PlanStep[] { new(remove, "when the builder exists (its cache goes with it)") } : [],
    ];

    private bool Prunes => !(RemoveBuilder && string.Equals(Builder.Driver, "docker-container", StringComparison.OrdinalIgnoreCase));

    /// <summary>The prune for the buildx and BuildKit in use: its settings, or null when there is no prune or it is refused.</summary>
    /// <param name="buildx">The buildx version, or null when unknown (then as <see cref="Prune"/>).</param>
    /// <param name="builder">The builder as <c>docker buildx inspect</c> described it (its nodes' BuildKit versions), or null when it was not asked (no space limit).</param>
    /// <returns>The settings (null when none) and the flags' notes and refusal.</returns>
    public (BuildxPruneSettings? Settings, PruneSpaceFlags Flags) PruneFor(BuildxVersion? buildx, BuilderInfo? builder)
    {
        var flags = PruneSpacePolicy.Choose(Space, buildx, [.. builder?.Nodes.Select(node => node.BuildkitVersionNumber) ?? []]);
        return (Prunes && flags.Refusal is null ? DockerCommands.Prune(Builder.Name, Until, flags) : null, flags);
    }
}
