using System.Text;
using System.Text.Json.Nodes;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// The tests' base image (<see cref="BaseImage"/>) as an OCI index with one manifest per architecture, for builds with
/// <c>--platform</c>. Every entry is the same busybox layer under another config <c>architecture</c>: a static x86_64
/// busybox runs on an x86_64 kernel whatever the image says, and BuildKit runs a <c>linux/386</c> step natively on such
/// a host (no emulation: the builder lists <c>linux/386</c> among its own platforms). The label decides what BuildKit
/// keys the steps and the cache by, and that is all a cache test needs: the layer being 64-bit changes no cache key.
/// </summary>
internal static class MultiPlatformBaseImage
{
    /// <summary>
    /// Pushes <paramref name="baseImage"/> (<c>host/repository:tag</c>, already in <paramref name="registry"/>) again as
    /// an index for <paramref name="architectures"/> (linux), tagged <c>&lt;tag&gt;-multi</c> in the same repository.
    /// </summary>
    /// <returns><c>host/repository:tag-multi</c>.</returns>
    public static async Task<string> PushAsync(RegistryServer registry, string baseImage, params string[] architectures)
    {
        var (repository, tag) = Split(registry, baseImage);
        var manifest = JsonNode.Parse(registry.Manifest(repository, tag) ?? throw new InvalidOperationException($"{baseImage} is not in the registry"))!.AsObject();
        var configDigest = manifest["config"]!["digest"]!.GetValue<string>();
        var config = JsonNode.Parse(registry.Blob(repository, configDigest)!)!.AsObject();

        using var content = new RegistryContent(registry);
        var entries = new JsonArray();
        foreach (var architecture in architectures)
        {
            config["architecture"] = architecture;
            var configBlob = await content.PushBlobAsync(repository, Encoding.UTF8.GetBytes(config.ToJsonString()), "application/vnd.oci.image.config.v1+json");
            var platformManifest = manifest.DeepClone().AsObject();
            platformManifest["config"] = RegistryContent.Descriptor(configBlob);
            var body = Encoding.UTF8.GetBytes(platformManifest.ToJsonString());
            var digest = await content.PushManifestAsync(repository, $"{tag}-{architecture}", "application/vnd.oci.image.manifest.v1+json", platformManifest);
            entries.Add(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = digest,
                ["size"] = body.Length,
                ["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" },
            });
        }

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = entries,
        };
        await content.PushManifestAsync(repository, tag + "-multi", "application/vnd.oci.image.index.v1+json", index);
        return $"{registry.Host}/{repository}:{tag}-multi";
    }

    private static (string Repository, string Tag) Split(RegistryServer registry, string image)
    {
        var prefix = registry.Host + "/";
        Assert.That(image, Does.StartWith(prefix), "the base image is in the run's registry");
        var reference = image[prefix.Length..];
        var colon = reference.LastIndexOf(':');
        return (reference[..colon], reference[(colon + 1)..]);
    }
}
