using System.Text.Json;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// What makes an image the same image: its manifest's digest, and the digests of the image manifests it is made of
/// (an index's platform manifests without the attestation manifests buildx adds; a single manifest is its own). An
/// attestation manifest is told by its <c>vnd.docker.reference.type: attestation-manifest</c> annotation.
/// </summary>
/// <param name="Digest">The digest of the manifest or index the reference points at.</param>
/// <param name="ImageManifests">The image manifests, sorted; for a single manifest, its own digest.</param>
/// <param name="Attestations">How many attestation manifests an index holds.</param>
internal sealed record ImageIdentity(string Digest, IReadOnlyList<string> ImageManifests, int Attestations)
{
    /// <summary>The annotation buildx puts on an index entry that is an attestation manifest.</summary>
    public const string ReferenceType = "vnd.docker.reference.type";

    /// <summary>Reads a manifest or index body.</summary>
    /// <param name="digest">Its digest.</param>
    /// <param name="body">The JSON.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="JsonException">When the body is not JSON.</exception>
    public static ImageIdentity Parse(string digest, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(digest);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            return new(digest, [digest], 0);
        }

        var images = new List<string>();
        var platforms = new List<KeyValuePair<string, string>>();
        var attestations = 0;
        foreach (var entry in manifests.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("digest", out var child) || child.GetString() is not { } childDigest)
            {
                continue;
            }

            if (IsAttestation(entry))
            {
                attestations++;
            }
            else
            {
                images.Add(childDigest);
                if (PlatformOf(entry) is { } platform)
                {
                    platforms.Add(new(platform, childDigest));
                }
            }
        }

        images.Sort(StringComparer.Ordinal);
        return new(digest, images, attestations) { Platforms = platforms };
    }

    /// <summary>An index's image manifests by platform (<c>linux/amd64</c> → digest), in the index's order; empty for a single manifest.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Platforms { get; init; } = [];

    /// <summary>True when <paramref name="other"/> has the same image manifests (its attestations may differ).</summary>
    /// <param name="other">The other identity.</param>
    /// <returns>Whether the images are the same.</returns>
    public bool SameImageAs(ImageIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Digest == other.Digest || (ImageManifests.Count > 0 && ImageManifests.SequenceEqual(other.ImageManifests, StringComparer.Ordinal));
    }

    private static string? PlatformOf(JsonElement entry)
    {
        if (!entry.TryGetProperty("platform", out var platform) || platform.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Part(string name) => platform.TryGetProperty(name, out var part) && part.ValueKind == JsonValueKind.String ? part.GetString() : null;
        return (Part("os"), Part("architecture"), Part("variant")) switch
        {
            ({ } os, { } architecture, { Length: > 0 } variant) => $"{os}/{architecture}/{variant}",
            ({ } os, { } architecture, _) => $"{os}/{architecture}",
            _ => null,
        };
    }

    private static bool IsAttestation(JsonElement entry) =>
        entry.TryGetProperty("annotations", out var annotations)
        && annotations.ValueKind == JsonValueKind.Object
        && annotations.TryGetProperty(ReferenceType, out var type)
        && type.ValueKind == JsonValueKind.String
        && type.GetString() == "attestation-manifest";
}
