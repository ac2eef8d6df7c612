using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;

namespace Cake.BuildxCache.Policy;

/// <summary>The buildx builder the build needs, decided from the options and the docker endpoint.</summary>
/// <param name="Name">The builder's name (<c>--name</c>, and <c>--builder</c> of the build).</param>
/// <param name="Driver">The buildx driver (<c>docker-container</c> by default: the registry cache needs it).</param>
/// <param name="DriverOptions">The driver options (<c>--driver-opt</c>), in order.</param>
/// <param name="BuildkitdConfig">The buildkitd.toml <c>buildx create</c> is given (the user's, or <see cref="GeneratedConfig"/>'s path), or null.</param>
/// <param name="ContextName">The docker context the builder is created on, when the endpoint has TLS data; else null.</param>
/// <param name="ContextEndpoint">That context's endpoint, or null.</param>
public sealed record BuilderPlan(
    string Name,
    string Driver,
    IReadOnlyList<KeyValuePair<string, string>> DriverOptions,
    string? BuildkitdConfig,
    string? ContextName,
    DockerEndpoint? ContextEndpoint)
{
    /// <summary>
    /// The builder's nodes, in order (one unless <c>builder-node</c> names several): the first is created with the
    /// builder, the others appended to it.
    /// </summary>
    public IReadOnlyList<BuilderNodePlan> Nodes { get; init; } = [];

    /// <summary>The BuildKit daemon a <c>remote</c> builder's first node connects to, or null for the other drivers.</summary>
    public string? RemoteEndpoint => Nodes.Count > 0 ? Nodes[0].Endpoint : null;

    /// <summary>True when <c>builder-node</c> names the nodes: each is created with <c>--node</c> and its <c>--platform</c>s.</summary>
    public bool HasNamedNodes { get; init; }

    /// <summary>
    /// The buildkitd.toml generated from the options, or null. It is passed (<see cref="BuildkitdConfig"/> is its path)
    /// only to drivers that run their own BuildKit; for <c>remote</c> and <c>docker</c> it is what their daemon needs.
    /// </summary>
    public GeneratedBuildkitdConfig? GeneratedConfig { get; init; }

    /// <summary>What the plan does for registries on this machine's loopback (<see cref="LoopbackRegistryPolicy"/>).</summary>
    internal LoopbackRegistryDecision LoopbackRegistry { get; init; } = LoopbackRegistryDecision.None;

    /// <summary>True when the generated config is what <c>buildx create</c> is given.</summary>
    public bool PassesGeneratedConfig => GeneratedConfig is { } generated && BuildkitdConfig == generated.Path;

    /// <summary>
    /// This plan for the buildx found: the kubernetes driver takes <c>env.*</c> driver options (where the config hash
    /// is recorded) only since buildx 0.28 (buildx commit 9f721e3); before, the hash is left out and a changed
    /// generated config does not recreate a kubernetes builder.
    /// </summary>
    /// <param name="version">The buildx version.</param>
    /// <returns>The plan to run.</returns>
    public BuilderPlan ForBuildx(BuildxVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Driver == "kubernetes" && !version.IsAtLeast(0, 28)
            ? this with
            {
                DriverOptions = [.. DriverOptions.Where(pair => pair.Key != BuildkitdConfigPolicy.HashDriverOption)],
                Nodes = [.. Nodes.Select(node => node with { DriverOptions = [.. node.DriverOptions.Where(pair => pair.Key != BuildkitdConfigPolicy.HashDriverOption)] })],
            }
            : this;
    }
}
