namespace Cake.BuildxCache.Registry;

/// <summary>A manifest as the registry sent it.</summary>
/// <param name="Body">Its bytes.</param>
/// <param name="MediaType">The media type the registry gave (its content type).</param>
/// <param name="Digest">Its digest (<c>Docker-Content-Digest</c>, else the sha256 of the bytes).</param>
internal sealed record RawManifest(byte[] Body, string MediaType, string Digest);
