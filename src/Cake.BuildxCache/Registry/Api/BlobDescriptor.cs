namespace Cake.BuildxCache.Registry;

/// <summary>One blob a manifest references.</summary>
/// <param name="Digest">The blob digest.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="MediaType">Its media type.</param>
internal sealed record BlobDescriptor(string Digest, long Size, string? MediaType);
