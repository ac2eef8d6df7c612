using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class BuildxBuildTests
{
    private const string Cache = "registry.example.com/group/app/cache";

    private static BuildxBuildSettings Full()
    {
        var settings = new BuildxBuildSettings
        {
            Builder = "ci",
            File = "docker/Dockerfile",
            Target = "final",
            Push = true,
            MetadataFile = "artifacts/metadata.json",
            ImageIdFile = "artifacts/iid",
            Provenance = "false",
            Sbom = "true",
            Network = "host",
            Pull = true,
            NoCache = true,
            Progress = "plain",
            ContextPath = "src/app",
        };
        settings.Platforms.Add("linux/amd64");
        settings.Platforms.Add("linux/arm64");
        settings.Tags.Add("registry.example.com/group/app:main");
        settings.Tags.Add("registry.example.com/group/app:1a2b3c4d");
        // Inserted out of order on purpose: dictionaries render sorted by key.
        settings.Labels["org.opencontainers.image.source"] = "https://gitlab.example.com/group/app";
        settings.Labels["org.opencontainers.image.revision"] = "1a2b3c4d";
        settings.Annotations["org.opencontainers.image.title"] = "app";
        settings.BuildArgs["GIT_COMMIT"] = "1a2b3c4d";
        settings.BuildArgs["BUILDKIT_INLINE_CACHE"] = "1";
        settings.BuildArgs["HTTP_PROXY"] = null;
        settings.BuildContexts["tools"] = "docker-image://alpine:3.20";
        settings.BuildContexts["assets"] = "../assets";
        settings.Secrets.Add(BuildSecret.FromFile("npmrc", "/home/ci/.npmrc"));
        settings.Secrets.Add(BuildSecret.FromEnvironment("token", "NPM_TOKEN"));
        settings.Ssh.Add("default");
        settings.CacheFrom.Add(CacheSpec.Registry(Cache + ":feature-x"));
        settings.CacheFrom.Add(CacheSpec.Registry(Cache + ":main"));
        settings.CacheTo.Add(CacheSpec.Registry(Cache + ":feature-x") with { Mode = "max", IgnoreError = true });
        settings.Outputs.Add("type=local,dest=out");
        settings.Attestations.Add("type=provenance,mode=max");
        settings.Allow.Add("network.host");
        return settings;
    }

    [Test]
    public void Every_setting_renders_in_the_documented_order_with_the_context_last()
    {
        var fixture = new DockerFixture();

        fixture.Context.BuildxBuild(Full());

        Assert.That(fixture.Arguments.Split(" --"), Is.EqualTo(new[]
        {
            "buildx build",
            "builder \"ci\"",
            "file \"docker/Dockerfile\"",
            "target \"final\"",
            "platform \"linux/amd64,linux/arm64\"",
            "tag \"registry.example.com/group/app:main\"",
            "tag \"registry.example.com/group/app:1a2b3c4d\"",
            "label \"org.opencontainers.image.revision=1a2b3c4d\"",
            "label \"org.opencontainers.image.source=https://gitlab.example.com/group/app\"",
            "annotation \"org.opencontainers.image.title=app\"",
            "build-arg \"BUILDKIT_INLINE_CACHE=1\"",
            "build-arg \"GIT_COMMIT=1a2b3c4d\"",
            "build-arg \"HTTP_PROXY\"",
            "build-context \"assets=../assets\"",
            "build-context \"tools=docker-image://alpine:3.20\"",
            "secret \"id=npmrc,src=/home/ci/.npmrc\"",
            "secret \"id=token,env=NPM_TOKEN\"",
            "ssh \"default\"",
            "cache-from \"type=registry,ref=registry.example.com/group/app/cache:feature-x\"",
            "cache-from \"type=registry,ref=registry.example.com/group/app/cache:main\"",
            "cache-to \"type=registry,ref=registry.example.com/group/app/cache:feature-x,mode=max,ignore-error=true\"",
            "output \"type=local,dest=out\"",
            "push",
            "metadata-file \"artifacts/metadata.json\"",
            "iidfile \"artifacts/iid\"",
            "provenance \"false\"",
            "sbom \"true\"",
            "attest \"type=provenance,mode=max\"",
            "allow \"network.host\"",
            "network \"host\"",
            "pull",
            "no-cache",
            "progress \"plain\" \"src/app\"",
        }));
        Assert.That(fixture.SafeArguments, Is.EqualTo(fixture.Arguments), "a build has no secret on its command line");
    }

    [Test]
    public void Load_renders_after_push()
    {
        var fixture = new DockerFixture();
        var settings = new BuildxBuildSettings { Push = true, Load = true };

        fixture.Context.BuildxBuild(settings);

        Assert.That(fixture.Arguments, Is.EqualTo("buildx build --push --load \".\""));
    }

    [Test]
    public void The_same_settings_filled_in_another_order_give_the_same_command_line()
    {
        var first = Full();
        var second = Full();
        second.Labels.Clear();
        second.Labels["org.opencontainers.image.revision"] = "1a2b3c4d";
        second.Labels["org.opencontainers.image.source"] = "https://gitlab.example.com/group/app";
        var fixture = new DockerFixture();
        var runner = fixture.Runner((fs, env, pr, tl) => new BuildxBuildRunner(fs, env, pr, tl));

        Assert.That(runner.GetArguments(second).Render(), Is.EqualTo(runner.GetArguments(first).Render()));
    }

    [Test]
    public void A_bare_build_builds_the_current_directory()
    {
        var fixture = new DockerFixture();

        fixture.Context.BuildxBuild(new BuildxBuildSettings());

        Assert.That(fixture.Arguments, Is.EqualTo("buildx build \".\""));
    }

    [Test]
    public void The_context_path_overload_sets_the_positional_and_values_with_blanks_are_quoted()
    {
        var fixture = new DockerFixture();
        var settings = new BuildxBuildSettings();
        settings.Labels["description"] = "a \"quoted\" app";

        fixture.Context.BuildxBuild("my app", settings);

        Assert.That(fixture.Arguments, Is.EqualTo("buildx build --label \"description=a \\\"quoted\\\" app\" \"my app\""));
    }

    [Test]
    public void A_failed_build_throws_pointing_at_the_output_above()
    {
        var fixture = new DockerFixture { ExitCode = 1 };
        var settings = new BuildxBuildSettings();
        settings.Tags.Add("registry.example.com/group/app:main");

        var error = Assert.Throws<CakeException>(() => fixture.Context.BuildxBuild(settings));

        Assert.That(error!.ExitCode, Is.EqualTo(1));
        Assert.That(error.Message, Is.EqualTo(
            "docker buildx build of registry.example.com/group/app:main failed (exit code 1); docker's output above says why."));
    }

    [Test]
    public void Secrets_render_as_id_and_source_only()
    {
        Assert.That(BuildSecret.FromFile("npmrc", "/run/secrets/npmrc").ToString(), Is.EqualTo("id=npmrc,src=/run/secrets/npmrc"));
        Assert.That(BuildSecret.FromEnvironment("token", "CI_JOB_TOKEN").ToString(), Is.EqualTo("id=token,env=CI_JOB_TOKEN"));
        Assert.Throws<ArgumentException>(() => BuildSecret.FromFile(" ", "/x"));
    }
}
