using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Build-argument values stay out of what anyone who can pull or read the job's artifacts sees, with the real buildx and
/// BuildKit: a secret-named argument (<c>NPM_TOKEN=hunter2</c>) and one the Dockerfile never declares leave neither their
/// values nor a plain digest of them in any manifest or blob of the scene's repositories, nor in any file under
/// <c>artifacts/</c>; the cache record keeps the base-image digests and a keyed digest of the declared, non-secret
/// argument, so a warm build still names that argument when it changed.
/// </summary>
public sealed class BuildArgSecrecyTests() : RealStackFixture("secrets")
{
    private const string Token = "hunter2";
    private const string Undeclared = "undeclared-note-3f1c9a";
    private const string RecordKey = "0d9f2c7a51e34b8c96aa10f47e2b5d3c8e61f09a7b2c4d5e";

    private static readonly string[] Leaks = [Token, Undeclared, PlainDigest(Token), PlainDigest(Undeclared)];

    /// <summary>The digest the record used to carry: <c>sha256(value)</c>, first 16 hex digits.</summary>
    private static string PlainDigest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private BuildRun FreshPublish(string commit, string version)
    {
        Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        var job = Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", commit), ("CI_COMMIT_SHORT_SHA", commit[..8]), ("BUILDX_CACHE_RECORD_KEY", RecordKey));
        var run = Scene.Run(job, ["--target=Publish", "--build-arg=NPM_TOKEN=" + Token, "--build-arg=DEPLOY_NOTE=" + Undeclared, "--build-arg=VERSION=" + version]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    private string CommitDockerfile()
    {
        // NPM_TOKEN is declared in a stage the image does not keep (its history would show the value: BuildKit's doing,
        // which the warning points away from); DEPLOY_NOTE is declared nowhere; VERSION is declared before the image's RUN.
        Scene.Workspace.Write("Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} AS deps
            ARG NPM_TOKEN
            RUN echo deps > /deps

            FROM {EndToEndSetUp.BaseImage}
            ARG VERSION
            COPY --from=deps /deps /deps
            RUN echo built > /built

            """);
        Scene.Workspace.Repository.Git("add", "Dockerfile");
        return Scene.Workspace.Repository.Commit("dockerfile");
    }

    /// <summary>Every manifest, config and layer (gunzipped) the registry holds under the scene's project, as text.</summary>
    private List<(string What, string Text)> RegistryContents()
    {
        var contents = new List<(string, string)>();
        foreach (var repository in Registry.Repositories().Where(name => name.StartsWith(Scene.Project + "/", StringComparison.Ordinal) || name == Scene.Project))
        {
            var pending = new Queue<string>(Registry.Tags(repository));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (pending.TryDequeue(out var reference))
            {
                if (!seen.Add(reference) || Registry.Manifest(repository, reference) is not { } manifest)
                {
                    continue;
                }

                contents.Add(($"{repository}:{reference}", manifest));
                using var json = JsonDocument.Parse(manifest);
                foreach (var child in json.RootElement.TryGetProperty("manifests", out var manifests) ? manifests.EnumerateArray() : Enumerable.Empty<JsonElement>())
                {
                    pending.Enqueue(child.GetProperty("digest").GetString()!);
                }

                var blobs = (json.RootElement.TryGetProperty("layers", out var layers) ? layers.EnumerateArray() : Enumerable.Empty<JsonElement>())
                    .Concat(json.RootElement.TryGetProperty("config", out var config) ? [config] : []);
                foreach (var digest in blobs.Select(blob => blob.GetProperty("digest").GetString()!).Where(seen.Add))
                {
                    contents.Add(($"{repository}@{digest}", Text(Registry.BlobBytes(repository, digest) ?? [])));
                }
            }
        }

        return contents;
    }

    private static string Text(byte[] bytes)
    {
        if (bytes is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }

        return Encoding.Latin1.GetString(bytes);
    }

    private List<(string What, string Text)> Artifacts() =>
        [.. Directory.EnumerateFiles(Path.Combine(Scene.Workspace.Path, "artifacts"), "*", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(Scene.Workspace.Path, file), Text(File.ReadAllBytes(file))))];

    private static IEnumerable<string> LeaksIn(IEnumerable<(string What, string Text)> contents) =>
        contents.SelectMany(content => Leaks.Where(leak => content.Text.Contains(leak, StringComparison.Ordinal)).Select(leak => $"{content.What} holds {leak}"));

    private CacheRecord? RecordOnMain() =>
        Registry.Manifest(Scene.CacheRepository, "main") is { } body ? RecordedManifest.Read(Encoding.UTF8.GetBytes(body)) : null;

    [Test]
    public void No_artifact_holds_a_build_argument_value_and_the_record_still_has_the_base_images()
    {
        var commit = CommitDockerfile();
        FreshPublish(commit, "1");

        var artifacts = Artifacts();
        Assert.That(artifacts.Select(artifact => artifact.What), Does.Contain(Path.Combine("artifacts", "buildx-metadata.json")));
        Assert.That(LeaksIn(artifacts), Is.Empty);
        Assert.That(CacheInputs.From(RecordOnMain()).BaseImages, Does.ContainKey(EndToEndSetUp.BaseImage), "the record still holds the base image's digest");
    }

    [Test]
    public void No_registry_object_holds_anything_of_a_secret_or_undeclared_argument_and_a_changed_declared_one_is_named()
    {
        var first = CommitDockerfile();
        var run = FreshPublish(first, "1");
        var contents = RegistryContents();
        Assert.That(contents.Select(content => content.What), Has.Some.StartWith(Scene.CacheRepository + ":main"), "the walk reached the cache manifest");
        Assert.That(LeaksIn(contents), Is.Empty);
        Assert.That(run.Output, Does.Contain("NPM_TOKEN").And.Contain("--secret"), "a secret-named build argument is warned about");
        Assert.That(CacheInputs.From(RecordOnMain()).BuildArgs?.Keys, Is.EquivalentTo(new[] { "VERSION" }), "only the declared, non-secret argument is recorded");

        var second = Scene.Workspace.Repository.Commit("next");
        FreshPublish(second, "2");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-report.json")));
        var miss = report.RootElement.GetProperty("cacheMiss");
        Assert.That(miss.GetProperty("cause").GetString(), Is.EqualTo("buildArg"), miss.ToString());
        Assert.That(miss.GetProperty("why").GetString(), Does.StartWith("build argument VERSION changed since the cache was written"));

        Assert.That(LeaksIn(RegistryContents().Concat(Artifacts())), Is.Empty);
    }
}
