using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;

namespace Cake.BuildxCache.Policy;

/// <summary>EnsureBuilder's steps: ask buildx its version, create the builder; when one of that name exists, inspect it, then reuse, start or recreate it.</summary>
/// <param name="Builder">The builder plan.</param>
public sealed record EnsureBuilderSteps(BuilderPlan Builder)
{
    /// <summary><c>docker buildx version</c>: which config flag <c>create</c> takes, and whether rawjson progress exists.</summary>
    public BuildxVersionSettings Version { get; } = new();

    /// <summary><c>docker buildx inspect</c>, when buildx refused the create: the builder's driver and options.</summary>
    public BuildxInspectSettings Inspect => DockerCommands.InspectBuilder(Builder);

    /// <summary><c>docker buildx inspect --bootstrap</c>, when the builder exists as planned but is stopped.</summary>
    public BuildxInspectSettings Start => DockerCommands.InspectBuilder(Builder, bootstrap: true);

    /// <summary><c>docker buildx rm</c>, when the builder exists but differs from the plan.</summary>
    public BuildxRmSettings Remove => DockerCommands.RemoveBuilder(Builder);

    /// <summary><c>docker context inspect</c> of the TLS context, or null when the endpoint needs none.</summary>
    public DockerContextInspectSettings? InspectContext => CreateContext is { } create ? new DockerContextInspectSettings { Name = create.Name } : null;

    /// <summary><c>docker context create</c> for a TLS endpoint when the context is missing, or null when none is needed.</summary>
    public DockerContextCreateSettings? CreateContext => DockerCommands.CreateContext(Builder);

    /// <summary>The steps in order, with the conditions they run under.</summary>
    public IReadOnlyList<PlanStep> Steps =>
    [
        new(Version),
        .. Builder is { PassesGeneratedConfig: true, GeneratedConfig: { } generated }
            ? new PlanStep[] { new(null, $"writes {generated.Path} (generated from {string.Join(", ", generated.Sources.Select(name => "--" + name))}; content under Plan)") }
            : [],
        .. InspectContext is { } inspect ? new PlanStep[] { new(inspect), new(CreateContext, "when the context is missing") } : [],
        new(Create(BuildxConfigFlag.BuildkitdConfig), $"buildx refuses it, changing nothing, when a builder of that name exists{(Builder.BuildkitdConfig is null ? string.Empty : " (--config before buildx 0.13)")}{(Builder is { Driver: "kubernetes", PassesGeneratedConfig: true } ? "; the config hash option needs buildx 0.28+, older buildx gets none" : string.Empty)}"),
        .. Enumerable.Range(1, Math.Max(Builder.Nodes.Count - 1, 0)).Select(node => new PlanStep(Append(BuildxConfigFlag.BuildkitdConfig, node), $"after the builder is created: its node {Builder.Nodes[node].Name}")),
        new(Inspect, "when the builder exists"),
        new(Start, "when it exists as planned but is stopped"),
        new(Remove, "when it exists but differs, then the create again"),
    ];

    /// <summary>These steps for the buildx found (see <see cref="BuilderPlan.ForBuildx"/>).</summary>
    /// <param name="version">The buildx version.</param>
    /// <returns>The steps to run.</returns>
    public EnsureBuilderSteps For(BuildxVersion version) => new(Builder.ForBuildx(version));

    /// <summary><c>docker buildx create --bootstrap</c> with the config flag this buildx knows.</summary>
    /// <param name="configFlag"><c>--buildkitd-config</c> (buildx 0.13+) or <c>--config</c>.</param>
    /// <returns>The settings.</returns>
    public BuildxCreateSettings Create(BuildxConfigFlag configFlag) => DockerCommands.CreateBuilder(Builder, configFlag);

    /// <summary><c>docker buildx create --append --node …</c>: a further node of the builder, once it is created.</summary>
    /// <param name="configFlag"><c>--buildkitd-config</c> (buildx 0.13+) or <c>--config</c>.</param>
    /// <param name="node">The node's position in <see cref="BuilderPlan.Nodes"/>, 1 or more.</param>
    /// <returns>The settings.</returns>
    public BuildxCreateSettings Append(BuildxConfigFlag configFlag, int node) => DockerCommands.CreateBuilder(Builder, configFlag, node);

    /// <summary>Every <see cref="Append"/> of the plan, in order.</summary>
    /// <param name="configFlag"><c>--buildkitd-config</c> (buildx 0.13+) or <c>--config</c>.</param>
    /// <returns>The settings, none for a builder of one node.</returns>
    public IReadOnlyList<BuildxCreateSettings> Appends(BuildxConfigFlag configFlag) =>
        [.. Enumerable.Range(1, Math.Max(Builder.Nodes.Count - 1, 0)).Select(node => Append(configFlag, node))];
}
