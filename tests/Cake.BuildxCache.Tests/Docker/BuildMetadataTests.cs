using Cake.BuildxCache.Docker.Build;
using Cake.Core;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class BuildMetadataTests
{
    [Test]
    public void The_captured_cold_build_metadata_is_read()
    {
        var metadata = BuildMetadataParser.Parse(Fixtures.Text("build-metadata.json"));

        Assert.That(metadata.Digest, Is.EqualTo("sha256:301c024fb5e9588552297a7ccf5b0b36edb7c1ec7adf9accc24e20d4c8f4a077"));
        Assert.That(metadata.ImageNames, Is.EqualTo(new[] { "127.0.0.1:5000/sample/app:fx22716" }));
        Assert.That(metadata.MediaType, Is.EqualTo("application/vnd.oci.image.index.v1+json"));
        Assert.That(metadata.Size, Is.EqualTo(855));
        Assert.That(metadata.CacheManifestDigest, Is.EqualTo("sha256:29cb3bc64f27022df143047aa943581ed916fa969d2c65f3dec3a88fc5603c9b"));
        Assert.That(metadata.BuildRef, Is.Null, "buildx 0.10 writes no buildx.build.ref");
        Assert.That(metadata.ConfigDigest, Is.Null);
    }

    [Test]
    public void The_warm_build_pushed_another_digest()
    {
        var metadata = BuildMetadataParser.Parse(Fixtures.Text("build-metadata-warm.json"));

        Assert.That(metadata.Digest, Is.EqualTo("sha256:496a121d1310666a55f082740e3f7b2c3b0e6ba5602fe5e595fdf21ce477938b"));
        Assert.That(metadata.CacheManifestDigest, Is.EqualTo("sha256:8b8c813a5a31ff2124be53d9eec0b3e754829f2f4f6b6b07460e69456c2fef19"));
    }

    // Constructed from the keys newer buildx (0.11+) writes: buildx.build.ref, several names, config digest.
    [Test]
    public void Newer_keys_and_several_image_names_are_read()
    {
        var metadata = BuildMetadataParser.Parse("""
            {
              "buildx.build.ref": "ci/ci0/4h3bc6ggx6b0xpzeqnd6a1pky",
              "containerimage.config.digest": "sha256:aaaa",
              "containerimage.digest": "sha256:bbbb",
              "image.name": "registry.example.com/app:main, registry.example.com/app:1a2b3c4d"
            }
            """);

        Assert.That(metadata.BuildRef, Is.EqualTo("ci/ci0/4h3bc6ggx6b0xpzeqnd6a1pky"));
        Assert.That(metadata.ConfigDigest, Is.EqualTo("sha256:aaaa"));
        Assert.That(metadata.ImageNames, Is.EqualTo(new[] { "registry.example.com/app:main", "registry.example.com/app:1a2b3c4d" }));
        Assert.That(metadata.CacheManifestDigest, Is.Null);
    }

    [Test]
    public void A_build_that_exported_nothing_has_empty_metadata()
    {
        var metadata = BuildMetadataParser.Parse("{}");

        Assert.That(metadata.Digest, Is.Null);
        Assert.That(metadata.ImageNames, Is.Empty);
    }

    [TestCase("not json")]
    [TestCase("[]")]
    public void Anything_but_a_json_object_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => BuildMetadataParser.Parse(text));
    }

    [Test]
    public void The_alias_reads_the_file_relative_to_the_working_directory()
    {
        var directory = Directory.CreateTempSubdirectory("buildx-metadata-");
        try
        {
            Directory.CreateDirectory(System.IO.Path.Combine(directory.FullName, "artifacts"));
            File.Copy(Fixtures.PathOf("build-metadata.json"), System.IO.Path.Combine(directory.FullName, "artifacts", "metadata.json"));
            var context = Substitute.For<ICakeContext>();
            context.FileSystem.Returns(new FileSystem());
            context.Environment.WorkingDirectory.Returns(new DirectoryPath(directory.FullName));

            var metadata = context.BuildxReadMetadata("artifacts/metadata.json");
            var missing = Assert.Throws<CakeException>(() => context.BuildxReadMetadata("artifacts/none.json"));

            Assert.That(metadata.Digest, Does.StartWith("sha256:301c024f"));
            Assert.That(missing!.Message, Does.Contain("artifacts/none.json"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
