namespace Cake.BuildxCache.Policy;

/// <summary>One node of the planned builder.</summary>
/// <param name="Name">The node's name: buildx's own, the builder's name and its position (<c>buildx-cache0</c>, <c>buildx-cache1</c>).</param>
/// <param name="Endpoint">The BuildKit daemon of a remote node, or null (the docker endpoint or context, a kubernetes deployment).</param>
/// <param name="Platforms">The platforms set on the node (<c>--platform</c>), empty for the daemon's own.</param>
/// <param name="DriverOptions">The node's driver options: the builder's, with the node's own winning.</param>
public sealed record BuilderNodePlan(string Name, string? Endpoint, IReadOnlyList<string> Platforms, IReadOnlyList<KeyValuePair<string, string>> DriverOptions);
