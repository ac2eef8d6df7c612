using System.Text.Json;
using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Report;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Docker.Bake;

/// <summary>The bake definition generated from each image's build settings, and each target's part of bake's progress.</summary>
public sealed class BakeDefinitionTests
{
    private static BuildxBuildSettings Api()
    {
        var settings = new BuildxBuildSettings { File = new FilePath("services/api/Dockerfile"), ContextPath = "services", Target = "api", Push = true };
        settings.Tags.Add("registry.example.com/shop/api:main");
        settings.CacheFrom.Add(CacheSpec.Registry("registry.example.com/shop/api/cache:main-api"));
        settings.CacheTo.Add(new CacheSpec("registry") { Ref = "registry.example.com/shop/api/cache:main-api", Mode = "max" });
        settings.BuildArgs["GIT_COMMIT"] = "abc";
        settings.Labels["org.opencontainers.image.revision"] = "abc";
        settings.Outputs.Add("type=image,rewrite-timestamp=true");
        return settings;
    }

    [Test]
    public void Each_build_is_a_target_of_the_default_group_with_what_its_build_would_be_given()
    {
        var worker = new BuildxBuildSettings { File = new FilePath("Dockerfile"), ContextPath = ".", Load = true };

        using var json = JsonDocument.Parse(BakeDefinition.Json([new("api", Api()), new("worker", worker)]));

        var root = json.RootElement;
        Assert.That(root.GetProperty("group").GetProperty("default").GetProperty("targets").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "api", "worker" }));
        var api = root.GetProperty("target").GetProperty("api");
        Assert.Multiple(() =>
        {
            Assert.That(api.GetProperty("context").GetString(), Is.EqualTo("services"));
            Assert.That(api.GetProperty("dockerfile").GetString(), Is.EqualTo("api/Dockerfile"), "bake reads the dockerfile relative to the context");
            Assert.That(api.GetProperty("target").GetString(), Is.EqualTo("api"));
            Assert.That(api.GetProperty("tags")[0].GetString(), Is.EqualTo("registry.example.com/shop/api:main"));
            Assert.That(api.GetProperty("cache-from")[0].GetString(), Is.EqualTo("type=registry,ref=registry.example.com/shop/api/cache:main-api"));
            Assert.That(api.GetProperty("cache-to")[0].GetString(), Is.EqualTo("type=registry,ref=registry.example.com/shop/api/cache:main-api,mode=max"));
            Assert.That(api.GetProperty("args").GetProperty("GIT_COMMIT").GetString(), Is.EqualTo("abc"));
            Assert.That(api.GetProperty("output")[0].GetString(), Is.EqualTo("type=image,rewrite-timestamp=true,push=true"), "buildx build's --push, said by the target");
            Assert.That(root.GetProperty("target").GetProperty("worker").GetProperty("output")[0].GetString(), Is.EqualTo("type=docker"), "--load");
        });
    }

    [Test]
    public void The_override_of_a_users_file_adds_cache_tags_output_and_secrets_and_leaves_context_dockerfile_stage_and_groups_to_it()
    {
        var api = Api();
        api.Secrets.Add(BuildSecret.FromEnvironment("token", "NPM_TOKEN"));

        using var json = JsonDocument.Parse(BakeDefinition.Override([new("api", api)]));

        var root = json.RootElement;
        var target = root.GetProperty("target").GetProperty("api");
        Assert.Multiple(() =>
        {
            Assert.That(root.TryGetProperty("group", out _), Is.False, "the user's groups stand; the run names its targets");
            Assert.That(target.TryGetProperty("context", out _) || target.TryGetProperty("dockerfile", out _) || target.TryGetProperty("target", out _), Is.False, "the user's file places the build");
            Assert.That(target.GetProperty("tags")[0].GetString(), Is.EqualTo("registry.example.com/shop/api:main"));
            Assert.That(target.GetProperty("cache-to")[0].GetString(), Is.EqualTo("type=registry,ref=registry.example.com/shop/api/cache:main-api,mode=max"));
            Assert.That(target.GetProperty("output")[0].GetString(), Is.EqualTo("type=image,rewrite-timestamp=true,push=true"));
            Assert.That(target.GetProperty("secret")[0].GetString(), Is.EqualTo("id=token,env=NPM_TOKEN"), "a reference to the secret, never its value");
        });
    }

    [Test]
    public void A_targets_part_of_the_progress_holds_its_own_steps_labelled_as_a_single_build()
    {
        string[] lines =
        [
            "#1 [internal] load local bake definitions",
            "#2 [api internal] load build definition from Dockerfile",
            "#2 DONE 0.0s",
            "#7 [worker] importing cache manifest from r/worker/cache:main",
            "#11 [api shared 3/3] RUN make",
            "#12 [worker worker 1/2] COPY worker/ /worker/",
            "#11 DONE 1.0s",
            "#12 CACHED",
            "#18 [worker] exporting cache to registry",
            "#18 DONE 0.1s",
        ];

        Assert.That(BakeProgress.ForTarget(lines, "worker"), Is.EqualTo(new[]
        {
            "#7 importing cache manifest from r/worker/cache:main",
            "#12 [worker 1/2] COPY worker/ /worker/",
            "#12 CACHED",
            "#18 exporting cache to registry",
            "#18 DONE 0.1s",
        }));
        Assert.That(BakeProgress.ForTarget(lines, "api"), Is.EqualTo(new[] { "#2 [internal] load build definition from Dockerfile", "#2 DONE 0.0s", "#11 [shared 3/3] RUN make", "#11 DONE 1.0s" }));
    }
}
