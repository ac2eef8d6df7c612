namespace Cake.BuildxCache.Docker.Context;

/// <summary>A docker context as <c>docker context inspect</c> describes it.</summary>
/// <param name="Name">The context name.</param>
/// <param name="Description">Its description, or <c>null</c>.</param>
/// <param name="Host">The docker endpoint's host, or <c>null</c>.</param>
/// <param name="SkipTlsVerify">Whether the endpoint skips TLS verification.</param>
public sealed record DockerContextInfo(string Name, string? Description, string? Host, bool SkipTlsVerify);
