namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>One node line of <c>docker buildx ls</c>.</summary>
/// <param name="Name">The node name.</param>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Status">The status, or <c>null</c> when the column is empty.</param>
/// <param name="BuildkitVersion">The BuildKit version, or <c>null</c> when the column is empty.</param>
/// <param name="Platforms">The platforms, without the <c>*</c> that marks platforms set by hand.</param>
public sealed record BuilderListNode(string Name, string Endpoint, string? Status, string? BuildkitVersion, IReadOnlyList<string> Platforms);
