namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>A builder as <c>docker buildx inspect</c> describes it.</summary>
/// <param name="Name">The builder name.</param>
/// <param name="Driver">The driver: <c>docker-container</c>, <c>docker</c>, <c>remote</c>, <c>kubernetes</c>.</param>
/// <param name="Nodes">The builder's nodes, in printed order.</param>
public sealed record BuilderInfo(string Name, string Driver, IReadOnlyList<BuilderNode> Nodes)
{
    /// <summary>Gets the <c>Last Activity</c> line as printed, or <c>null</c>.</summary>
    public string? LastActivity { get; init; }

    /// <summary>Gets a value indicating whether every node reports <c>running</c> (and there is at least one).</summary>
    public bool IsRunning => Nodes.Count > 0 && Nodes.All(node => node.IsRunning);
}
