namespace Cake.BuildxCache.Registry;

/// <summary>What a HEAD of a manifest answered.</summary>
/// <param name="Digest">The <c>Docker-Content-Digest</c>, when the registry sends it.</param>
/// <param name="MediaType">The <c>Content-Type</c>, when sent.</param>
/// <param name="Size">The <c>Content-Length</c>, when sent.</param>
internal sealed record ManifestHead(string? Digest, string? MediaType, long? Size);
