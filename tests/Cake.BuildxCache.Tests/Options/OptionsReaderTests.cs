using Cake.BuildxCache.Options;
using Cake.Core;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Options;

public sealed class OptionsReaderTests
{
    private const string ArgImage = "arg.example.com/app";
    private const string EnvImage = "env.example.com/app";
    private const string ConfigImage = "config.example.com/app";
    private const string CiImage = "ci.example.com/app";

    // Which sources are set -> which one wins, with the origin the Plan prints.
    [TestCase(true, true, true, true, ArgImage, "from --image")]
    [TestCase(false, true, true, true, EnvImage, "from BUILDX_IMAGE")]
    [TestCase(false, false, true, true, ConfigImage, "from configuration Buildx_Image")]
    [TestCase(false, false, false, true, CiImage, "from CI_REGISTRY_IMAGE")]
    [TestCase(true, false, false, true, ArgImage, "from --image")]
    [TestCase(false, true, false, true, EnvImage, "from BUILDX_IMAGE")]
    [TestCase(true, false, true, false, ArgImage, "from --image")]
    public void Image_precedence_is_argument_then_environment_then_configuration_then_ci_default(
        bool argument, bool environment, bool configuration, bool ci, string expected, string origin)
    {
        var sources = new OptionSourcesBuilder();
        if (argument)
        {
            sources.Arg("image", ArgImage);
        }

        if (environment)
        {
            sources.Env("BUILDX_IMAGE", EnvImage);
        }

        if (configuration)
        {
            sources.Config("Buildx_Image", ConfigImage);
        }

        if (ci)
        {
            sources.Env("CI_REGISTRY_IMAGE", CiImage);
        }

        var options = sources.Read();

        Assert.That(options.Image, Is.EqualTo(expected));
        Assert.That(options.OriginOf(OptionCatalog.Image).ToString(), Is.EqualTo(origin));
        Assert.That(options.Describe(), Does.Contain($"image = {expected} ({origin})"));
    }

    [Test]
    public void Empty_environment_and_configuration_values_fall_through()
    {
        var options = new OptionSourcesBuilder()
            .Env("BUILDX_IMAGE", "")
            .Config("Buildx_Image", "  ")
            .Env("CI_REGISTRY_IMAGE", CiImage)
            .Read();

        Assert.That(options.Image, Is.EqualTo(CiImage));
    }

    [Test]
    public void Configuration_keys_are_case_insensitive_as_cake_configuration_is()
    {
        var options = new OptionSourcesBuilder().Config("BUILDX_CACHEREPO", "reg.example.com/cache").Read();

        Assert.That(options.CacheRepo, Is.EqualTo("reg.example.com/cache"));
    }

    [Test]
    public void Defaults_apply_when_nothing_is_set()
    {
        var options = OptionSourcesBuilder.Empty();

        Assert.Multiple(() =>
        {
            Assert.That(options.Image, Is.Null);
            Assert.That(options.EffectiveCacheRepo, Is.Null);
            Assert.That(options.CacheTagPrefix, Is.Empty);
            Assert.That(options.Dockerfile, Is.EqualTo("Dockerfile"));
            Assert.That(options.Context, Is.EqualTo("."));
            Assert.That(options.Builder, Is.EqualTo("buildx-cache"));
            Assert.That(options.BuilderDriver, Is.EqualTo("docker-container"));
            Assert.That(options.CacheMode, Is.EqualTo(CacheMode.Max));
            Assert.That(options.CacheIgnoreError, Is.True);
            Assert.That(options.CacheReadOnly, Is.Null);
            Assert.That(options.Push, Is.Null);
            Assert.That(options.Load, Is.Null);
            Assert.That(options.TagBranch && options.TagSha && options.TagLatest && options.TagGitTag, Is.True);
            Assert.That(options.PruneRemoveBuilder, Is.False);
            Assert.That(options.Logout, Is.Null, "the policy decides: in CI, not locally");
            Assert.That(options.Origins, Is.Empty);
            Assert.That(options.ReadProblems, Is.Empty);
        });
    }

    [Test]
    public void Cache_repo_defaults_to_image_slash_cache()
    {
        var options = new OptionSourcesBuilder().Arg("image", "reg.example.com/group/app").Read();

        Assert.That(options.EffectiveCacheRepo, Is.EqualTo("reg.example.com/group/app/cache"));
    }

    [Test]
    public void Gitlab_ci_variables_are_the_registry_defaults()
    {
        var options = new OptionSourcesBuilder()
            .Env("CI_REGISTRY", "registry.gitlab.example.com")
            .Env("CI_REGISTRY_USER", "gitlab-ci-token")
            .Env("CI_REGISTRY_PASSWORD", "token-value")
            .Read();

        Assert.Multiple(() =>
        {
            Assert.That(options.Registry, Is.EqualTo("registry.gitlab.example.com"));
            Assert.That(options.RegistryUser, Is.EqualTo("gitlab-ci-token"));
            Assert.That(options.RegistryPassword?.Reveal(), Is.EqualTo("token-value"));
            Assert.That(options.OriginOf(OptionCatalog.RegistryPassword).Key, Is.EqualTo("CI_REGISTRY_PASSWORD"));
        });
    }

    [Test]
    public void Explicit_registry_credentials_override_the_ci_ones()
    {
        var options = new OptionSourcesBuilder()
            .Env("CI_REGISTRY_USER", "gitlab-ci-token")
            .Env("BUILDX_REGISTRY_USER", "deploy-bot")
            .Read();

        Assert.That(options.RegistryUser, Is.EqualTo("deploy-bot"));
    }

    [Test]
    public void List_options_take_repeated_arguments_and_separated_values()
    {
        var options = new OptionSourcesBuilder()
            .Arg("platform", "linux/amd64,linux/arm64")
            .Arg("platform", "linux/arm/v7")
            .Arg("tag", "stable")
            .Arg("tag", "edge")
            .Arg("build-arg", "A=1")
            .Arg("build-arg", "B=x=y;z")
            .Env("BUILDX_LABEL", "com.example.a=1;com.example.b=two words\ncom.example.c=")
            .Config("Buildx_DriverOpt", "network=host")
            .Read();

        Assert.Multiple(() =>
        {
            Assert.That(options.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/arm64", "linux/arm/v7" }));
            Assert.That(options.ExtraTags, Is.EqualTo(new[] { "stable", "edge" }));
            Assert.That(options.BuildArgs, Is.EqualTo(new KeyValuePair<string, string>[] { new("A", "1"), new("B", "x=y;z") }));
            Assert.That(options.Labels, Is.EqualTo(new KeyValuePair<string, string>[] { new("com.example.a", "1"), new("com.example.b", "two words"), new("com.example.c", "") }));
            Assert.That(options.DriverOpts, Is.EqualTo(new KeyValuePair<string, string>[] { new("network", "host") }));
        });
    }

    [Test]
    public void A_list_takes_all_its_values_from_the_highest_source_only()
    {
        var options = new OptionSourcesBuilder()
            .Arg("tag", "from-arg")
            .Env("BUILDX_TAG", "from-env")
            .Read();

        Assert.That(options.ExtraTags, Is.EqualTo(new[] { "from-arg" }));
    }

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("yes", true)]
    [TestCase("on", true)]
    [TestCase("1", true)]
    [TestCase("", true)] // a bare --push
    [TestCase("false", false)]
    [TestCase("No", false)]
    [TestCase("off", false)]
    [TestCase("0", false)]
    public void Booleans_read_as_people_write_them(string text, bool expected)
    {
        var options = new OptionSourcesBuilder().Arg("push", text).Read();

        Assert.That(options.Push, Is.EqualTo(expected));
        Assert.That(options.ReadProblems, Is.Empty);
    }

    [Test]
    public void The_last_repeated_scalar_argument_wins()
    {
        var options = new OptionSourcesBuilder().Arg("builder", "first").Arg("builder", "second").Read();

        Assert.That(options.Builder, Is.EqualTo("second"));
    }

    [Test]
    public void An_empty_argument_clears_a_configured_value_to_the_default()
    {
        var options = new OptionSourcesBuilder().Arg("stage", "").Config("Buildx_Stage", "runtime").Read();

        Assert.That(options.Stage, Is.Null);
    }

    [Test]
    public void Enumerations_and_switches_are_read()
    {
        var options = new OptionSourcesBuilder()
            .Arg("cache-mode", "MIN")
            .Env("BUILDX_CACHE_COMPRESSION", "zstd")
            .Config("Buildx_CacheImageManifest", "true")
            .Arg("tag-latest", "false")
            .Arg("prune-until", "72h")
            .Arg("prune-reserved-space", "10GB")
            .Arg("prune-max-used-space", "20GB")
            .Arg("prune-min-free-space", "5GB")
            .Arg("prune-remove-builder", "true")
            .Arg("logout", "true")
            .Read();

        Assert.Multiple(() =>
        {
            Assert.That(options.CacheMode, Is.EqualTo(CacheMode.Min));
            Assert.That(options.CacheCompression, Is.EqualTo(CacheCompression.Zstd));
            Assert.That(options.CacheImageManifest, Is.True);
            Assert.That(options.TagLatest, Is.False);
            Assert.That(options.PruneUntil, Is.EqualTo("72h"));
            Assert.That(options.PruneReservedSpace, Is.EqualTo("10GB"));
            Assert.That(options.PruneMaxUsedSpace, Is.EqualTo("20GB"));
            Assert.That(options.PruneMinFreeSpace, Is.EqualTo("5GB"));
            Assert.That(options.PruneRemoveBuilder, Is.True);
            Assert.That(options.Logout, Is.True);
        });
    }

    [Test]
    public void Cake_sources_read_arguments_environment_and_configuration_of_the_context()
    {
        var context = Substitute.For<ICakeContext>();
        context.Arguments.GetArguments("image").Returns(new[] { ArgImage });
        context.Arguments.GetArguments("builder").Returns(Array.Empty<string>());
        context.Environment.GetEnvironmentVariable("BUILDX_BUILDER").Returns("env-builder");
        context.Configuration.GetValue("Buildx_Context").Returns("src");
        context.Environment.WorkingDirectory.Returns(new Cake.Core.IO.DirectoryPath("/repo")); // no cake.config there: no item keys

        var options = CakeOptionSources.ReadOptions(context);

        Assert.Multiple(() =>
        {
            Assert.That(options.Image, Is.EqualTo(ArgImage));
            Assert.That(options.Builder, Is.EqualTo("env-builder"));
            Assert.That(options.Context, Is.EqualTo("src"));
        });
    }

    [TestCase("image", "--image", "BUILDX_IMAGE", "Buildx_Image")]
    [TestCase("cache-repo", "--cache-repo", "BUILDX_CACHE_REPO", "Buildx_CacheRepo")]
    [TestCase("cache-tag-prefix", "--cache-tag-prefix", "BUILDX_CACHE_TAG_PREFIX", "Buildx_CacheTagPrefix")]
    [TestCase("prune-max-used-space", "--prune-max-used-space", "BUILDX_PRUNE_MAX_USED_SPACE", "Buildx_PruneMaxUsedSpace")]
    public void Option_names_derive_argument_environment_and_configuration_keys(string name, string argument, string env, string config)
    {
        var option = OptionCatalog.All.Single(item => item.Name == name);

        Assert.That((option.Argument, option.EnvironmentVariable, option.ConfigurationKey), Is.EqualTo((argument, env, config)));
    }

    [Test]
    public void Every_option_is_described_and_named_once()
    {
        Assert.That(OptionCatalog.All.Select(option => option.Name), Is.Unique);
        var declared = typeof(OptionCatalog).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => typeof(OptionDescriptor).IsAssignableFrom(field.FieldType))
            .Select(field => (OptionDescriptor)field.GetValue(null)!);
        Assert.That(OptionCatalog.All, Is.EquivalentTo(declared), "every declared option is in All, once");
    }
}
