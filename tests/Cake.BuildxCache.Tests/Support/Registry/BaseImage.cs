using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// The tests' base image, since no Docker Hub is reachable: one layer holding a static busybox as
/// <c>/bin/busybox</c>, its applets as links beside it, and <c>/tmp</c>; enough for <c>RUN</c> with
/// <c>/bin/sh</c>. Built in memory and pushed through the registry API, so it needs no engine.
/// </summary>
internal static class BaseImage
{
    /// <summary>
    /// Pushes the image as <paramref name="repository"/>:<paramref name="tag"/>; returns <c>host/repository:tag</c>.
    /// With <paramref name="entrypoint"/> the image runs it (and no <c>Cmd</c>) instead of <c>sh</c>. With
    /// <paramref name="history"/> its configuration has a history entry for its layer, as every image docker or BuildKit
    /// builds has (without one, BuildKit's exporter names the missing entry after how the build's last layer was made,
    /// so a build from the cache and a cold one differ). With <paramref name="release"/> the layer also holds
    /// <c>/etc/base-release</c> with that text (another layer: BuildKit's cache key of a base image is its layers, not its config).
    /// </summary>
    public static async Task<string> PushAsync(RegistryServer registry, string busybox, string repository = "base/busybox", string tag = "1", IReadOnlyList<string>? entrypoint = null, bool history = false, string? release = null)
    {
        var applets = ProcessRunner.Run(busybox, ["--list"], timeout: TimeSpan.FromSeconds(30));
        Assert.That(applets.ExitCode, Is.EqualTo(0), $"{busybox} --list: {applets.StandardError}");
        var tar = Layer(File.ReadAllBytes(busybox), applets.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), release);
        var gzipped = Gzip(tar);

        using var content = new RegistryContent(registry);
        var layer = await content.PushBlobAsync(repository, gzipped, "application/vnd.oci.image.layer.v1.tar+gzip");
        var config = new JsonObject
        {
            ["architecture"] = Architecture(),
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(RegistryContent.DigestOf(tar)) },
        };
        if (history)
        {
            config["history"] = new JsonArray(new JsonObject { ["created"] = "2023-06-01T00:00:00Z", ["created_by"] = "ADD busybox /bin/", ["comment"] = "test base image" });
        }

        var settings = config["config"]!.AsObject();
        if (entrypoint is null)
        {
            settings["Cmd"] = new JsonArray("sh");
        }
        else
        {
            settings["Entrypoint"] = new JsonArray([.. entrypoint.Select(word => (JsonNode?)word)]);
        }

        var configBlob = await content.PushBlobAsync(repository, Encoding.UTF8.GetBytes(config.ToJsonString()), "application/vnd.oci.image.config.v1+json");
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = RegistryContent.Descriptor(configBlob),
            ["layers"] = new JsonArray(RegistryContent.Descriptor(layer)),
        };
        await content.PushManifestAsync(repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest);
        return $"{registry.Host}/{repository}:{tag}";
    }

    private static byte[] Layer(byte[] busybox, IEnumerable<string> applets, string? release)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            // Fixed times and owners: the same busybox always gives the same layer digest.
            var time = DateTimeOffset.UnixEpoch;
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0b111_101_101, ModificationTime = time });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = (UnixFileMode)0b1_111_111_111, ModificationTime = time });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox")
            {
                Mode = (UnixFileMode)0b111_101_101,
                ModificationTime = time,
                DataStream = new MemoryStream(busybox),
            });
            if (release is not null)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/") { Mode = (UnixFileMode)0b111_101_101, ModificationTime = time });
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/base-release")
                {
                    Mode = (UnixFileMode)0b110_100_100,
                    ModificationTime = time,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(release)),
                });
            }

            foreach (var applet in applets.Where(name => name != "busybox" && !name.Contains('/', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet)
                {
                    LinkName = "busybox",
                    Mode = (UnixFileMode)0b111_111_111,
                    ModificationTime = time,
                });
            }
        }

        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
