using System.Net;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Docker;
using Cake.BuildxCache.Tests.Support.Registry;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// <c>PruneCache --prune-registry</c> of a run that declares several images (cake.config sections, or a bake file),
/// through the real host in-process against a real registry: the images <c>api</c> and <c>api-v2</c> (one name starts
/// the other) share one cache repository (<c>--cache-repo</c>), and each image's stale caches go by the single image's
/// rules while the other's stay. <c>git ls-remote</c> and <c>bake --print</c> are answered by the scripted process
/// runner (the latter with what the real buildx 0.36.1 printed); what is left is read back from the registry.
/// </summary>
[TestFixture]
[Category("Registry")]
[NonParallelizable]
public sealed class SeveralImagesPruneTaskTests : RealRegistryTests
{
    private const string Sections = """

        [Buildx.Image.api]
        Dockerfile=docker/app.Dockerfile

        [Buildx.Image.api-v2]
        Dockerfile=docker/app.Dockerfile
        """;

    // Live: main, feature/live, release/1.0 and feature/api-docs, whose slug holds '-api' (a plain prefix match of
    // image api's scope would read feature-api-docs-api-v2 as branch 'feature''s api cache, and that branch is gone).
    private static readonly string[] LiveHeads =
    [
        "0123456789abcdef0123456789abcdef01234567\trefs/heads/main",
        "1123456789abcdef0123456789abcdef01234567\trefs/heads/feature/live",
        "2123456789abcdef0123456789abcdef01234567\trefs/heads/release/1.0",
        "3123456789abcdef0123456789abcdef01234567\trefs/heads/feature/api-docs",
    ];

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private string project = null!;

    private string CacheRepo => project + "/cache";

    [SetUp]
    public void NewProject() => project = "shop/app-" + Guid.NewGuid().ToString("N")[..8];

    [Test]
    public void Each_image_loses_only_its_own_stale_caches_and_never_those_of_the_image_whose_name_it_starts()
    {
        Seed();
        using var workspace = Images();
        var host = Host(workspace, Server.Host);
        host.Docker.On("^ls-remote --heads ", _ => DockerAnswer.Ok(LiveHeads));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-repo=" + Server.Host + "/" + CacheRepo, "--cache-max-age=720h", "--confirm");

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(Server.Tags(CacheRepo), Is.EquivalentTo(new[]
        {
            "main-api", "main-api-v2", "feature-live-api", "feature-live-api-v2", "release-1-0-api-v2",
            "feature-api-docs-api", "feature-api-docs-api-v2", "main",
        }), "only the gone branch's caches of both images and api's 40-day-old release cache went");
        Assert.That(Lines(run), Has.Some.Match(@"^  deleted feature-gone-api \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  deleted feature-gone-api-v2 \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  deleted release-1-0-api \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(Lines(run), Has.Some.Match(@"^  ignore\s+feature-api-docs-api-v2\s.*image 'api-v2''s cache"), "api's prune leaves api-v2's tag to api-v2");
        Assert.That(Lines(run), Has.Some.Match(@"^  keep\s+feature-api-docs-api-v2\s.*the branch exists"));
        Assert.That(Lines(run), Has.Some.Match(@"^  ignore\s+main\s.*not a cache tag of image scope 'api'"), "a tag of no image is nobody's to delete");
        Assert.That(run.Output, Does.Contain($"registry prune: deleted 2 manifests from {Server.Host}/{CacheRepo}"), "api's part");
        Assert.That(run.Output, Does.Contain($"registry prune: deleted 1 manifest from {Server.Host}/{CacheRepo}"), "api-v2's part");
    }

    [Test]
    public void Plan_prints_what_the_prune_considers_for_each_image()
    {
        using var workspace = Images();
        var host = Host(workspace, Server.Host);

        var run = host.Run("--target=Plan", "--prune-registry", "--cache-repo=" + Server.Host + "/" + CacheRepo);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, "no git, no docker, no registry");
        Assert.That(run.Output, Does.Contain($"  image api: the tags of {Server.Host}/{CacheRepo} that end '-api' (never those of api-v2), by these rules"));
        Assert.That(run.Output, Does.Contain($"  image api-v2: the tags of {Server.Host}/{CacheRepo} that end '-api-v2' (never those of api), by these rules"));
    }

    [Test]
    public void A_tag_that_moves_while_its_image_is_pruned_stays_and_the_other_image_s_stale_cache_still_goes()
    {
        var gone = Content.PushCapturedAsync(CacheRepo, "feature-gone-api", "cache-manifest", Now.AddDays(-5)).GetAwaiter().GetResult();
        Content.PushCapturedAsync(CacheRepo, "feature-gone-api-v2", "cache-manifest", Now.AddDays(-5)).GetAwaiter().GetResult();
        Content.PushCapturedAsync(CacheRepo, "main-api", "cache-manifest", Now.AddDays(-5)).GetAwaiter().GetResult();
        using var proxy = RegistryProxy.Start(Server);
        var moved = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readManifests = 0;
        proxy.Before = async request =>
        {
            // The listing after api's manifest reads is its last before deleting: a pipeline of a branch named
            // feature/gone again writes api's cache under the doomed tag meanwhile.
            if (request.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref readManifests, 1);
            }
            else if (request.Method == "GET" && request.PathAndQuery.Contains("/tags/list", StringComparison.Ordinal)
                && Volatile.Read(ref readManifests) == 1 && !moved.Task.IsCompleted)
            {
                moved.SetResult(await Content.PushCapturedAsync(CacheRepo, "feature-gone-api", "cache-manifest", Now.AddMinutes(-90)));
            }

            return (HttpStatusCode?)null;
        };
        using var workspace = Images();
        var host = Host(workspace, proxy.Host);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-repo=" + proxy.Host + "/" + CacheRepo, "--live-branches=main", "--confirm");

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(moved.Task.IsCompleted, Is.True, "the tag was moved during api's prune");
        Assert.That(Lines(run), Has.Some.Match(@"^  delete\s+feature-gone-api\s.*no branch has the slug 'feature-gone'"), "the decision was to delete it");
        Assert.That(Lines(run), Has.Some.Match($@"^  skipped feature-gone-api \({gone}\): .*"), "the moved tag is named");
        Assert.That(Server.Digest(CacheRepo, "feature-gone-api"), Is.EqualTo(moved.Task.Result), "the moved tag holds what the pipeline wrote");
        Assert.That(Server.Tags(CacheRepo), Is.EquivalentTo(new[] { "feature-gone-api", "main-api" }), "api-v2's stale cache went");
        Assert.That(proxy.Requests.Count(request => request.StartsWith("DELETE", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Two_images_sharing_a_cache_ref_stop_the_prune_before_the_registry_is_asked()
    {
        Seed();
        using var workspace = Images("""

            [Buildx.Image.api]
            Stage=x

            [Buildx.Image.api-x]
            Dockerfile=docker/app.Dockerfile
            """);
        var host = Host(workspace, Server.Host);
        var before = Server.Tags(CacheRepo);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-repo=" + Server.Host + "/" + CacheRepo, "--live-branches=main", "--confirm");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("[Buildx.Image.api] and [Buildx.Image.api-x]").And.Contain("use the same cache ref"));
        Assert.That(run.Calls, Is.Empty);
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(before), "nothing was deleted");
    }

    [Test]
    public void A_misspelt_option_stops_the_prune_before_the_registry_is_asked()
    {
        Seed();
        using var workspace = Images();
        var host = Host(workspace, Server.Host);
        var before = Server.Tags(CacheRepo);

        var run = host.Run("--target=PruneCache", "--prune-registry", "--cache-repo=" + Server.Host + "/" + CacheRepo, "--live-branch=main", "--confirm");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("live-branch").And.Contain("live-branches"));
        Assert.That(run.Calls, Is.Empty);
        Assert.That(Server.Tags(CacheRepo), Is.EqualTo(before), "nothing was deleted");
    }

    [Test]
    public void The_images_of_the_user_s_bake_file_are_pruned_each_by_the_scope_its_build_writes()
    {
        // The file's api target builds the stage runtime for linux/amd64: its scope is api-runtime-linux-amd64.
        foreach (var tag in new[] { "main-api-runtime-linux-amd64", "feature-gone-api-runtime-linux-amd64", "main-worker", "feature-gone-worker", "feature-gone" })
        {
            Content.PushCapturedAsync(CacheRepo, tag, "cache-manifest", Now.AddDays(-3)).GetAwaiter().GetResult();
        }

        using var workspace = Workspace.Plain();
        workspace.Write("docker-bake.hcl", "# answered by the fake docker\n");
        // The file's images are pushed to registry.example.com, their caches to the test registry: a CI job that may build
        // them has credentials for both (the prune is refused without them, as a build is).
        var host = Host(
            workspace,
            Server.Host,
            ("BUILDX_REGISTRY", "registry.example.com"),
            ("BUILDX_REGISTRY_USER", "deploy-bot"),
            ("BUILDX_REGISTRY_PASSWORD", "image-registry-password"),
            ("BUILDX_CACHE_REGISTRY_USER", Server.User),
            ("BUILDX_CACHE_REGISTRY_PASSWORD", Server.Password));
        host.Docker.On("^buildx bake -f \"docker-bake.hcl\" --print --progress \"quiet\"$", _ => DockerAnswer.Ok(File.ReadAllLines(Fixtures.PathOf("bake/print-hcl-default.json", Fixtures.Buildx0361))));

        var run = host.Run("--target=PruneCache", "--prune-registry", "--bake-file=docker-bake.hcl", "--cache-repo=" + Server.Host + "/" + CacheRepo, "--live-branches=main", "--confirm");

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Has.All.StartWith("buildx bake -f \"docker-bake.hcl\" --print"), "buildx reads the file; nothing else runs");
        Assert.That(Server.Tags(CacheRepo), Is.EquivalentTo(new[] { "main-api-runtime-linux-amd64", "main-worker", "feature-gone" }), "each image's gone branch cache went; a tag of no image stayed");
    }

    private static IReadOnlyList<string> Lines(BuildxRunResult run) => run.Output.ReplaceLineEndings("\n").Split('\n');

    private static Workspace Images(string sections = Sections)
    {
        var workspace = Workspace.Plain();
        File.AppendAllText(System.IO.Path.Combine(workspace.Path, "cake.config"), sections + "\n");
        return workspace;
    }

    private BuildxHost Host(Workspace workspace, string registryHost, params (string Name, string Value)[] more) =>
        new(workspace, Jobs.With(
            Jobs.GitLabDefaultBranch(),
            [
                ("CI_REGISTRY", registryHost),
                ("CI_REGISTRY_IMAGE", registryHost + "/" + project),
                ("CI_REGISTRY_USER", Server.User),
                ("CI_REGISTRY_PASSWORD", Server.Password),
                ("DOCKER_CONFIG", System.IO.Path.Combine(workspace.Path, "docker-config")),
                .. more,
            ]));

    private void Seed()
    {
        foreach (var tag in new[] { "main-api", "main-api-v2", "feature-live-api", "feature-live-api-v2", "feature-gone-api", "feature-gone-api-v2", "feature-api-docs-api", "feature-api-docs-api-v2", "main" })
        {
            Content.PushCapturedAsync(CacheRepo, tag, "cache-manifest", Now.AddDays(-3)).GetAwaiter().GetResult();
        }

        // Age is what the record says: api's release cache was last written 40 days ago, api-v2's two days ago.
        foreach (var (tag, written) in new[] { ("release-1-0-api", Now.AddDays(-40)), ("release-1-0-api-v2", Now.AddDays(-2)) })
        {
            Content.PushCapturedAsync(CacheRepo, tag, "cache-manifest", written).GetAwaiter().GetResult();
            Content.RecordAsync(CacheRepo, tag, CacheRecord.Of(new string('a', 40)).WithWritten(written)).GetAwaiter().GetResult();
        }
    }
}
