using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>Misspelt options are refused with a "did you mean"; other unknown names pass with a warning.</summary>
public sealed class OptionSpellingTests
{
    private static (IReadOnlyList<OptionProblem> Problems, IReadOnlyList<string> Warnings) Check(string[] arguments, params string[] keys) =>
        OptionSpelling.Check(arguments, keys, OptionCatalog.All);

    [TestCase("imgae", "--image")]
    [TestCase("prune-registy", "--prune-registry")]
    [TestCase("prune-regsitry", "--prune-registry")]
    [TestCase("cache-mod", "--cache-mode")]
    [TestCase("Cache-Repo", null)]
    [TestCase("buildx_imgae", "--image")]
    [TestCase("buildx_CacheRpo", "--cache-repo")]
    public void A_misspelt_argument_is_refused_naming_the_option_it_resembles(string name, string? expected)
    {
        var (problems, warnings) = Check([name]);

        if (expected is null)
        {
            Assert.That(problems, Is.Empty, "case does not matter");
            return;
        }

        var problem = problems.Single();
        Assert.That(problem.Message, Does.StartWith($"{name} (from --{name}): is not an option; did you mean {expected} "));
        Assert.That(warnings, Is.Empty);
    }

    [TestCase("Imgae", "--image")]
    [TestCase("PruneRegisty", "--prune-registry")]
    [TestCase("driveropt", null)]
    public void A_misspelt_key_under_buildx_is_refused_naming_the_option(string key, string? expected)
    {
        var (problems, _) = Check([], key);

        if (expected is null)
        {
            Assert.That(problems, Is.Empty);
            return;
        }

        Assert.That(problems.Single().Message, Does.StartWith($"{key} (from configuration [Buildx] in cake.config): is not an option; did you mean {expected} "));
    }

    [TestCase("BuildArg.NODE_VERSION")]
    [TestCase("buildarg.node_version")]
    [TestCase("DriverOpt.network")]
    [TestCase("Label.org.opencontainers.image.vendor")]
    public void A_key_value_options_item_key_after_a_dot_is_known(string key)
    {
        var (problems, warnings) = Check(["buildx_" + key], key);

        Assert.That(problems, Is.Empty);
        Assert.That(warnings, Is.Empty);
    }

    [TestCase("BuildArgs.NODE_VERSION", "--build-arg (BuildArg.NODE_VERSION= under [Buildx] in cake.config)?")]
    [TestCase("DriverOpts.network", "--driver-opt (DriverOpt.network= under [Buildx] in cake.config)?")]
    [TestCase("Lable.org.opencontainers.image.vendor", "--label (Label.org.opencontainers.image.vendor= under [Buildx] in cake.config)?")]
    [TestCase("BuildArgs", "--build-arg (BuildArg.<key>= under [Buildx] in cake.config)?")]
    public void A_misspelt_key_value_option_gets_did_you_mean_with_the_item_key_kept(string key, string expected)
    {
        var (fromFile, _) = Check([], key);
        var (fromArgument, _) = Check(["buildx_" + key]);

        Assert.That(fromFile.Single().Message, Is.EqualTo($"{key} (from configuration [Buildx] in cake.config): is not an option; did you mean {expected}"));
        Assert.That(fromArgument.Single().Message, Is.EqualTo($"buildx_{key} (from --buildx_{key}): is not an option; did you mean {expected}"));
    }

    [Test]
    public void An_item_key_on_an_option_that_takes_one_value_is_refused()
    {
        var (problems, _) = Check([], "Image.registry");

        Assert.That(problems.Single().Message, Is.EqualTo(
            "Image.registry (from configuration [Buildx] in cake.config): is not an option: Image takes no item key after a dot; set --image=registry.example.com/group/app, BUILDX_IMAGE, or Image= under [Buildx] in cake.config"));
    }

    [Test]
    public void A_dotted_key_far_from_every_option_is_left_for_a_consumers_own_tasks()
    {
        var (problems, warnings) = Check([], "Deploy.Environment");

        Assert.That(problems, Is.Empty);
        Assert.That(warnings.Single(), Is.EqualTo("Deploy.Environment= under [Buildx] in cake.config is not an option of the buildx tasks: left for other tasks to read."));
    }

    [Test]
    public void Known_options_and_the_hosts_own_arguments_pass_silently()
    {
        var (problems, warnings) = Check(["image", "target", "verbosity", "buildx_image", "prune-registry", "no-report"], "Image", "CacheRepo");

        Assert.That(problems, Is.Empty);
        Assert.That(warnings, Is.Empty);
    }

    /// <summary>
    /// Every switch of Cake's runner and of our host, as the user types it and as the host hands it over: the host
    /// turns <c>--no-report</c> into the argument <c>Settings_NoReport</c>, and any <c>--section_key=value</c> of
    /// Cake's own configuration sections (Settings, Paths, NuGet) overrides cake.config.
    /// </summary>
    [TestCase("target")]
    [TestCase("t")]
    [TestCase("working")]
    [TestCase("w")]
    [TestCase("verbosity")]
    [TestCase("v")]
    [TestCase("no-report")]
    [TestCase("Settings_NoReport")]
    [TestCase("settings_noreport")]
    [TestCase("description")]
    [TestCase("descriptions")]
    [TestCase("showdescription")]
    [TestCase("tree")]
    [TestCase("showtree")]
    [TestCase("dryrun")]
    [TestCase("noop")]
    [TestCase("whatif")]
    [TestCase("exclusive")]
    [TestCase("e")]
    [TestCase("info")]
    [TestCase("version")]
    [TestCase("ver")]
    [TestCase("debug")]
    [TestCase("d")]
    [TestCase("help")]
    [TestCase("bootstrap")]
    [TestCase("skip-bootstrap")]
    [TestCase("invalidate-script-cache")]
    [TestCase("Settings_Verbosity")]
    [TestCase("settings_skipverification")]
    [TestCase("Settings_EnableScriptCache")]
    [TestCase("settings_showprocesscommandline")]
    [TestCase("Settings_UnifiedDependencyGraphForMultipleTargets")]
    [TestCase("paths_tools")]
    [TestCase("Paths_Addins")]
    [TestCase("nuget_source")]
    [TestCase("NuGet_UseInProcessClient")]
    public void A_switch_of_cake_or_the_host_passes_quietly(string name)
    {
        var (problems, warnings) = Check([name]);

        Assert.That(problems, Is.Empty);
        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void A_name_far_from_every_option_is_left_for_a_consumers_own_tasks_with_a_warning()
    {
        var (problems, warnings) = Check(["test-filter", "package-output", "buildx_mycompanysetting"], "DeployEnvironment");

        Assert.That(problems, Is.Empty);
        Assert.That(warnings, Is.EqualTo(new[]
        {
            "--test-filter is not an option of the buildx tasks: left for other tasks to read.",
            "--package-output is not an option of the buildx tasks: left for other tasks to read.",
            "--buildx_mycompanysetting is not an option of the buildx tasks: left for other tasks to read.",
            "DeployEnvironment= under [Buildx] in cake.config is not an option of the buildx tasks: left for other tasks to read.",
        }));
    }
}
