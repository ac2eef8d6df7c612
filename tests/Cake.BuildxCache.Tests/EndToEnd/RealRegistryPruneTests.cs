using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Refs;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>PruneCache --prune-registry</c> over what the real BuildKit 0.32 wrote: cache refs as OCI image manifests and
/// images as indexes with attestation manifests, in one repository (the tag-prefix style, where a mistake would
/// delete images). The gone branch's cache is written minutes ago, so the one-hour rule keeps it even with
/// <c>--confirm</c>: the point is that every real manifest is read and classified, and nothing else is touched.
/// </summary>
public sealed class RealRegistryPruneTests() : RealStackFixture("realprune")
{
    private GitRepository? _origin;

    [SetUp]
    public void AddAnOriginWithOnlyMain()
    {
        _origin = GitRepository.Init("main");
        _origin.Commit("initial");
        Scene.Workspace.Repository.Git("remote", "add", "origin", _origin.Path);
    }

    [TearDown]
    public void RemoveTheOrigin() => _origin?.Dispose();

    [Test]
    public void Real_caches_and_image_indexes_in_one_repository_are_read_and_nothing_but_a_stale_cache_could_go()
    {
        string[] prefixStyle = ["--cache-repo=" + Scene.Image, "--cache-tag-prefix=build-cache-"];
        foreach (var job in new[] { Scene.GitLab().Branch("main", "main"), Scene.GitLab().Branch("feature/gone", "feature-gone") })
        {
            var publish = Scene.Run(job, ["--target=Publish", .. prefixStyle]);
            Assert.That(publish.ExitCode, Is.EqualTo(0), publish.ToString());
        }

        var tags = Registry.Tags(Scene.Project);
        Assert.That(tags, Is.SupersetOf(new[] { "main", "latest", "feature-gone", Scene.Workspace.ShortSha, "build-cache-main", "build-cache-feature-gone" }));
        var digests = tags.ToDictionary(tag => tag, tag => Registry.Digest(Scene.Project, tag));

        var prune = Scene.Run(Scene.GitLab().Branch("main", "main"), ["--target=PruneCache", "--prune-registry", "--confirm", .. prefixStyle]);

        Assert.That(prune.ExitCode, Is.EqualTo(0), prune.ToString());
        TestContext.Out.WriteLine(prune.Output);
        Assert.That(prune.Lines, Has.Some.Match(@"^\s+keep\s+build-cache-feature-gone\s.*within 1h"), "the gone branch's cache is fresh: kept");
        Assert.That(prune.Lines, Has.Some.Match(@"^\s+keep\s+build-cache-main\s.*default branch"));
        Assert.That(Registry.Tags(Scene.Project), Is.EqualTo(tags), "no tag went");
        Assert.That(tags.ToDictionary(tag => tag, tag => Registry.Digest(Scene.Project, tag)), Is.EqualTo(digests), "no tag moved");
    }
}
