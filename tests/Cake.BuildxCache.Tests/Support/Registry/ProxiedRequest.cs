namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>A request as <see cref="RegistryProxy"/> received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query, e.g. <c>/v2/app/cache/manifests/main</c>.</param>
internal sealed record ProxiedRequest(string Method, string PathAndQuery);
