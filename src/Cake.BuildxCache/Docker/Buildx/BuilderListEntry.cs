namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>One builder of <c>docker buildx ls</c>.</summary>
/// <param name="Name">The builder name.</param>
/// <param name="Driver">The driver.</param>
/// <param name="IsCurrent">Whether it is the current builder (marked <c>*</c>).</param>
/// <param name="Nodes">Its nodes.</param>
public sealed record BuilderListEntry(string Name, string Driver, bool IsCurrent, IReadOnlyList<BuilderListNode> Nodes);

/// <summary>One node line of <c>docker buildx ls</c>.</summary>
/// <param name="Name">The node name.</param>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Status">The status, or <c>null</c> when the column is empty.</param>
/// <param name="BuildkitVersion">The BuildKit version, or <c>null</c> when the column is empty.</param>
/// <param name="Platforms">The platforms, without the <c>*</c> that marks platforms set by hand.</param>
public sealed record BuilderListNode(string Name, string Endpoint, string? Status, string? BuildkitVersion, IReadOnlyList<string> Platforms);
