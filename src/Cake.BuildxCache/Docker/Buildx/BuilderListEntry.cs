namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>One builder of <c>docker buildx ls</c>.</summary>
/// <param name="Name">The builder name.</param>
/// <param name="Driver">The driver.</param>
/// <param name="IsCurrent">Whether it is the current builder (marked <c>*</c>).</param>
/// <param name="Nodes">Its nodes.</param>
public sealed record BuilderListEntry(string Name, string Driver, bool IsCurrent, IReadOnlyList<BuilderListNode> Nodes);
