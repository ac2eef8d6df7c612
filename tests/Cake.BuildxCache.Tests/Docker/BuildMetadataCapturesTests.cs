using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Docker.Build;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// <c>--metadata-file</c> of the captured builds, checked against what the same build printed and, for 0.36.1,
/// against the registry's bytes and buildx's build history.
/// </summary>
public sealed partial class BuildMetadataCapturesTests
{
    private static readonly object[] Builds =
    [
        new object[] { Fixtures.Buildx0105, "build-metadata.json", "build-cold-plain.txt" },
        new object[] { Fixtures.Buildx0105, "build-metadata-warm.json", "build-warm-plain.txt" },
        new object[] { Fixtures.Buildx0361, "build-metadata.json", "build-cold-plain.txt" },
        new object[] { Fixtures.Buildx0361, "build-metadata-warm.json", "build-warm-plain.txt" },
    ];

    [TestCaseSource(nameof(Builds))]
    public void The_digests_are_those_the_build_printed(string version, string metadataFile, string progressFile)
    {
        var metadata = BuildMetadataParser.Parse(Fixtures.Text(metadataFile, version));
        var progress = Fixtures.Text(progressFile, version);

        var pushed = PushedManifest().Match(progress);
        Assert.That(pushed.Success, Is.True, "the capture shows the push");
        Assert.That(metadata.Digest, Is.EqualTo(pushed.Groups["digest"].Value));
        Assert.That(metadata.ImageNames, Is.EqualTo(new[] { pushed.Groups["name"].Value }));
        Assert.That(metadata.MediaType, Is.EqualTo("application/vnd.oci.image.index.v1+json"), "an index: the image and its provenance attestation");
        Assert.That(progress, Does.Contain("exporting manifest list " + metadata.Digest));

        // 0.11 writes the cache as an index ("writing manifest"), 0.32 as an image manifest ("writing cache image manifest").
        var cache = CacheManifest().Match(progress);
        Assert.That(cache.Success, Is.True, "the capture shows the cache export");
        Assert.That(metadata.CacheManifestDigest, Is.EqualTo(cache.Groups["digest"].Value));
    }

    [Test]
    public void The_0_36_metadata_names_its_build_and_the_registry_serves_what_it_says()
    {
        var cold = BuildMetadataParser.Parse(Fixtures.Text("build-metadata.json", Fixtures.Buildx0361));
        var warm = BuildMetadataParser.Parse(Fixtures.Text("build-metadata-warm.json", Fixtures.Buildx0361));

        Assert.That(cold.BuildRef, Does.Match("^fixtures/fixtures0/[a-z0-9]{25}$"), "builder/node/id, new since 0.10");
        Assert.That(warm.BuildRef, Is.Not.EqualTo(cold.BuildRef));
        Assert.That(cold.ConfigDigest, Is.Null, "0.36 writes no containerimage.config.digest for an index");
        Assert.That(warm.Size, Is.EqualTo(new FileInfo(Fixtures.PathOf("registry-app-index.json", Fixtures.Buildx0361)).Length));

        // The tag and the cache ref were last written by the warm build: the registry holds exactly those bytes.
        Assert.That(Sha256Of("registry-app-index.json"), Is.EqualTo(warm.Digest));
        Assert.That(Sha256Of("registry-cache-manifest.json"), Is.EqualTo(warm.CacheManifestDigest));
    }

    [Test]
    public void The_0_36_build_ref_is_the_one_history_knows()
    {
        var history = Fixtures.Captured("buildx-history-ls.txt", Fixtures.Buildx0361).Lines;

        foreach (var (metadataFile, historyFile) in new[] { ("build-metadata.json", "buildx-history-inspect.json"), ("build-metadata-warm.json", "buildx-history-inspect-warm.json") })
        {
            var metadata = BuildMetadataParser.Parse(Fixtures.Text(metadataFile, Fixtures.Buildx0361));
            var id = metadata.BuildRef!.Split('/')[^1];
            using var inspect = System.Text.Json.JsonDocument.Parse(Fixtures.Text(historyFile, Fixtures.Buildx0361));

            Assert.That(history.Count(line => line.StartsWith(id + " ", StringComparison.Ordinal)), Is.EqualTo(1), $"{id} in history ls");
            Assert.That(inspect.RootElement.GetProperty("Ref").GetString(), Is.EqualTo(id));
            Assert.That(inspect.RootElement.GetProperty("Attachments").EnumerateArray().Select(a => a.GetProperty("Digest").GetString()), Does.Contain(metadata.Digest));
        }
    }

    private static string Sha256Of(string name) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Fixtures.PathOf(name, Fixtures.Buildx0361))));

    [GeneratedRegex(@"pushing manifest for (?<name>\S+)@(?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex PushedManifest();

    [GeneratedRegex(@"writing (?:cache image )?manifest (?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex CacheManifest();
}
