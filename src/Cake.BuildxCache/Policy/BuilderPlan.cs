using Cake.BuildxCache.Docker.Context;

namespace Cake.BuildxCache.Policy;

/// <summary>The buildx builder the build needs, decided from the options and the docker endpoint.</summary>
/// <param name="Name">The builder's name (<c>--name</c>, and <c>--builder</c> of the build).</param>
/// <param name="Driver">The buildx driver (<c>docker-container</c> by default: the registry cache needs it).</param>
/// <param name="DriverOptions">The driver options (<c>--driver-opt</c>), in order.</param>
/// <param name="BuildkitdConfig">A buildkitd.toml for the builder, or null.</param>
/// <param name="ContextName">The docker context the builder is created on, when the endpoint has TLS data; else null.</param>
/// <param name="ContextEndpoint">That context's endpoint, or null.</param>
public sealed record BuilderPlan(
    string Name,
    string Driver,
    IReadOnlyList<KeyValuePair<string, string>> DriverOptions,
    string? BuildkitdConfig,
    string? ContextName,
    DockerEndpoint? ContextEndpoint);
