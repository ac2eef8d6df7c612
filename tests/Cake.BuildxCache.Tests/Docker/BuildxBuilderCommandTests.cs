using Cake.BuildxCache.Docker.Buildx;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>create, rm, prune and du: exact argument lists and how their answers are read.</summary>
public sealed class BuildxBuilderCommandTests
{
    private static BuildxCreateSettings FullCreate(BuildxConfigFlag flag)
    {
        var settings = new BuildxCreateSettings
        {
            Name = "ci",
            Driver = "docker-container",
            BuildkitdFlags = "--allow-insecure-entitlement network.host",
            BuildkitdConfig = "build/buildkitd.toml",
            ConfigFlag = flag,
            Node = "ci0",
            Use = true,
            Bootstrap = true,
            Endpoint = "dind",
        };
        settings.DriverOptions["network"] = "host";
        settings.DriverOptions["image"] = "moby/buildkit:v0.11.6";
        settings.Platforms.Add("linux/amd64");
        settings.Platforms.Add("linux/arm64");
        return settings;
    }

    [Test]
    public void Create_renders_every_option_in_a_fixed_order_with_driver_options_sorted()
    {
        var fixture = new DockerFixture().Answering("buildx-create.txt");

        fixture.Context.BuildxCreate(FullCreate(BuildxConfigFlag.Config));

        Assert.That(fixture.Arguments, Is.EqualTo(
            "buildx create --name \"ci\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.11.6\" "
            + "--driver-opt \"network=host\" --buildkitd-flags \"--allow-insecure-entitlement network.host\" "
            + "--config \"build/buildkitd.toml\" --platform \"linux/amd64,linux/arm64\" --node \"ci0\" --use --bootstrap \"dind\""));
        Assert.That(fixture.SafeArguments, Is.EqualTo(fixture.Arguments));
    }

    [Test]
    public void Create_quotes_a_driver_option_with_a_comma_as_the_one_csv_field_buildx_reads()
    {
        var fixture = new DockerFixture().Answering("buildx-create.txt");
        var settings = new BuildxCreateSettings { Name = "ci", Driver = "kubernetes" };
        settings.DriverOptions["nodeselector"] = "kubernetes.io/arch=arm64,disk=ssd";
        settings.DriverOptions["namespace"] = "ci";

        fixture.Context.BuildxCreate(settings);

        // The process gets the argument "nodeselector=kubernetes.io/arch=arm64,disk=ssd" with its quotes, which buildx
        // 0.36.1 reads as one CSV field (BuildxCsvTests; EnsureBuilderTests has the real buildx read such a value back).
        Assert.That(fixture.Arguments, Is.EqualTo(
            "buildx create --name \"ci\" --driver \"kubernetes\" --driver-opt \"namespace=ci\" "
            + "--driver-opt \"\\\"nodeselector=kubernetes.io/arch=arm64,disk=ssd\\\"\""));
    }

    [Test]
    public void Create_uses_buildkitd_config_when_the_version_knows_it()
    {
        var fixture = new DockerFixture().Answering("buildx-create.txt");
        var flag = BuildxVersion.Parse("github.com/docker/buildx v0.17.1-desktop.1 5cd5d2f").CreateConfigFlag;

        fixture.Context.BuildxCreate(FullCreate(flag));

        Assert.That(fixture.Arguments, Does.Contain(" --buildkitd-config \"build/buildkitd.toml\" ").And.Not.Contain("--config "));
    }

    [Test]
    public void Create_with_nothing_set_is_just_the_command_and_returns_the_printed_name()
    {
        var fixture = new DockerFixture().Answering("buildx-create.txt");

        var name = fixture.Context.BuildxCreate(new BuildxCreateSettings());

        Assert.That(fixture.Arguments, Is.EqualTo("buildx create"));
        Assert.That(name, Is.EqualTo("fixture-b"));
    }

    [Test]
    public void Create_of_an_existing_builder_throws_with_buildx_reason()
    {
        var fixture = new DockerFixture().Answering("buildx-create-exists.txt", onStandardError: true);

        var error = Assert.Throws<CakeException>(() => fixture.Context.BuildxCreate(new BuildxCreateSettings { Name = "fixture-b" }));

        Assert.That(error!.Message, Is.EqualTo(
            "docker buildx create --name fixture-b failed (exit code 1): ERROR: existing instance for \"fixture-b\" but no append mode, "
            + "specify --node to make changes for existing instances"));
    }

    [TestCase(Fixtures.Buildx0105)]
    [TestCase(Fixtures.Buildx0361)]
    public void Create_unless_exists_reads_buildx_refusal_of_an_existing_name_as_data(string version)
    {
        var exists = new DockerFixture().Answering("buildx-create-exists.txt", onStandardError: true, version: version);
        var created = new DockerFixture().Answering("buildx-create.txt", version: version);

        var refused = Runner(exists).RunUnlessExists(new BuildxCreateSettings { Name = "fixture-b", Bootstrap = true });
        var name = Runner(created).RunUnlessExists(new BuildxCreateSettings { Name = "fixture-b", Bootstrap = true });

        Assert.That(refused, Is.Null);
        Assert.That(name, Is.EqualTo("fixture-b"));
    }

    [Test]
    public void Create_unless_exists_throws_when_buildx_refuses_another_name_or_fails_otherwise()
    {
        var otherName = new DockerFixture().Answering("buildx-create-exists.txt", onStandardError: true);
        var failed = new DockerFixture { ExitCode = 1, Error = ["ERROR: failed to initialize builder fixture-b (fixture-b0): Cannot connect to the Docker daemon"] };

        Assert.Throws<CakeException>(() => Runner(otherName).RunUnlessExists(new BuildxCreateSettings { Name = "fixture" }));
        var error = Assert.Throws<CakeException>(() => Runner(failed).RunUnlessExists(new BuildxCreateSettings { Name = "fixture-b" }));
        Assert.That(error!.Message, Does.Contain("Cannot connect to the Docker daemon"));
    }

    private static BuildxCreateRunner Runner(DockerFixture fixture) =>
        fixture.Runner((fileSystem, environment, processes, tools) => new BuildxCreateRunner(fileSystem, environment, processes, tools));

    [Test]
    public void Rm_reports_removed_and_missing_builders_without_throwing()
    {
        var removed = new DockerFixture().Answering("buildx-rm.txt");
        var missing = new DockerFixture().Answering("buildx-rm-missing.txt", onStandardError: true);

        Assert.That(removed.Context.BuildxRm("fixture-b"), Is.True);
        Assert.That(missing.Context.BuildxRm("fixture-b"), Is.False);
        Assert.That(removed.Arguments, Is.EqualTo("buildx rm \"fixture-b\""));
    }

    [Test]
    public void Rm_renders_its_flags_before_the_name_and_throws_on_other_failures()
    {
        var fixture = new DockerFixture { Error = ["ERROR: permission denied"], ExitCode = 1 };

        Assert.Throws<CakeException>(() => fixture.Context.BuildxRm(new BuildxRmSettings { Builder = "ci", KeepState = true, KeepDaemon = true }));

        Assert.That(fixture.Arguments, Is.EqualTo("buildx rm --keep-state --keep-daemon \"ci\""));
    }

    [Test]
    public void Prune_renders_filters_in_order_and_every_space_limit()
    {
        var fixture = new DockerFixture().Answering("buildx-prune.txt");
        var settings = new BuildxPruneSettings
        {
            Builder = "ci",
            All = true,
            KeepStorage = "5GB",
            MaxUsedSpace = "10GB",
            ReservedSpace = "2GB",
            MinFreeSpace = "20%",
            Force = true,
            Verbose = true,
        };
        settings.Filters.Add("until=72h");
        settings.Filters.Add("type=regular");

        var result = fixture.Context.BuildxPrune(settings);

        Assert.That(fixture.Arguments, Is.EqualTo(
            "buildx prune --builder \"ci\" --all --filter \"until=72h\" --filter \"type=regular\" --keep-storage \"5GB\" "
            + "--max-used-space \"10GB\" --reserved-space \"2GB\" --min-free-space \"20%\" --force --verbose"));
        Assert.That(result.Output[^1], Is.EqualTo("Total:\t182.9MB"));
    }

    [Test]
    public void Prune_and_du_with_nothing_set_are_just_the_command()
    {
        var prune = new DockerFixture().Answering("buildx-prune.txt");
        var du = new DockerFixture().Answering("buildx-du.txt");

        prune.Context.BuildxPrune(new BuildxPruneSettings());
        var usage = du.Context.BuildxDu(new BuildxDuSettings());

        Assert.That(prune.Arguments, Is.EqualTo("buildx prune"));
        Assert.That(du.Arguments, Is.EqualTo("buildx du"));
        Assert.That(usage.Output, Does.Contain("Total:\t\t0B"));
    }

    [Test]
    public void Du_renders_builder_filters_and_verbose()
    {
        var fixture = new DockerFixture().Answering("buildx-du.txt");
        var settings = new BuildxDuSettings { Builder = "ci", Verbose = true };
        settings.Filters.Add("until=24h");

        fixture.Context.BuildxDu(settings);

        Assert.That(fixture.Arguments, Is.EqualTo("buildx du --builder \"ci\" --filter \"until=24h\" --verbose"));
    }
}
