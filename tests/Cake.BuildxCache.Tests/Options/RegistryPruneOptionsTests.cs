using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>The registry prune's options: prune-registry, cache-max-age, confirm, live-branches.</summary>
public sealed class RegistryPruneOptionsTests
{
    private const string Image = "registry.example.com/group/app";

    [Test]
    public void By_default_the_builder_is_pruned_and_a_registry_prune_would_be_a_dry_run_with_git_for_the_branches()
    {
        var options = OptionSourcesBuilder.Empty();

        Assert.Multiple(() =>
        {
            Assert.That(options.PruneRegistry, Is.False);
            Assert.That(options.Confirm, Is.False);
            Assert.That(options.CacheMaxAge, Is.Null);
            Assert.That(options.CacheMaxAgeSpan, Is.Null);
            Assert.That(options.LiveBranches, Is.Empty);
        });
    }

    [Test]
    public void Each_is_read_from_arguments_environment_and_cake_config_like_every_option()
    {
        var options = new OptionSourcesBuilder()
            .Arg("prune-registry", string.Empty)
            .Env("BUILDX_CACHE_MAX_AGE", "168h")
            .Config("Buildx_Confirm", "yes")
            .Arg("live-branches", "main,feature/a")
            .Arg("live-branches", "release/1.0")
            .Read();

        Assert.Multiple(() =>
        {
            Assert.That(options.PruneRegistry, Is.True, "a bare --prune-registry");
            Assert.That(options.CacheMaxAge, Is.EqualTo("168h"));
            Assert.That(options.CacheMaxAgeSpan, Is.EqualTo(TimeSpan.FromDays(7)));
            Assert.That(options.Confirm, Is.True);
            Assert.That(options.LiveBranches, Is.EqualTo(new[] { "main", "feature/a", "release/1.0" }));
            Assert.That(options.Describe(), Does.Contain("prune-registry = true (from --prune-registry)"));
            Assert.That(options.Describe(), Does.Contain("cache-max-age = 168h (from BUILDX_CACHE_MAX_AGE)"));
            Assert.That(options.Describe(), Does.Contain("confirm = true (from configuration Buildx_Confirm)"));
            Assert.That(options.Describe(), Does.Contain("live-branches = main,feature/a,release/1.0 (from --live-branches)"));
        });
    }

    [TestCase("168h", 168 * 60)]
    [TestCase("30m", 30)]
    [TestCase("1h30m", 90)]
    [TestCase("1.5h", 90)]
    [TestCase("90m0s", 90)]
    [TestCase("7200s", 120)]
    public void Max_age_reads_go_durations(string text, int minutes)
    {
        var options = new OptionSourcesBuilder().Arg("image", Image).Arg("cache-max-age", text).Read();

        Assert.That(options.CacheMaxAgeSpan, Is.EqualTo(TimeSpan.FromMinutes(minutes)));
        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: false), Is.Empty);
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string option, string fragment, params string[] arguments) =>
            new TestCaseData(arguments, option, fragment).SetName("Bad " + name);

        yield return Case("max age in days", "cache-max-age", "write 168h for 7d", "cache-max-age=7d");
        yield return Case("max age in half days", "cache-max-age", "write 12h for 0.5d", "cache-max-age=0.5d");
        yield return Case("max age without unit", "cache-max-age", "is not a duration", "cache-max-age=168");
        yield return Case("max age words", "cache-max-age", "is not a duration", "cache-max-age=a week");
        yield return Case("max age negative", "cache-max-age", "must not be negative", "cache-max-age=-1h");
        yield return Case("max age zero", "cache-max-age", "must be longer than zero", "cache-max-age=0h");
        yield return Case("prune-registry not bool", "prune-registry", "is not a boolean", "prune-registry=please");
        yield return Case("confirm not bool", "confirm", "is not a boolean", "confirm=sure");
        yield return Case("live branch full ref", "live-branches", "not a full ref", "live-branches=main,refs/heads/feature/a");
        yield return Case("live branch dots", "live-branches", "not a valid git branch name", "live-branches=feature..a");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Each_bad_input_is_reported_naming_the_option_the_value_and_how_to_set_it(string[] arguments, string option, string fragment)
    {
        var sources = new OptionSourcesBuilder().Arg("image", Image);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            sources.Arg(argument[..equals], argument[(equals + 1)..]);
        }

        var problems = BuildxCacheOptionsValidator.Validate(sources.Read(), isCI: false);

        var problem = problems.SingleOrDefault(item => item.Option == option && item.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.That(problem, Is.Not.Null, "problems were:\n" + string.Join("\n", problems));
        Assert.That(problem!.Message, Does.StartWith(option + " '"));
        Assert.That(problem.Message, Does.Contain($"(from --{option})"));
        Assert.That(problem.Message, Does.Contain($"set --{option}="));
    }

    [Test]
    public void The_max_age_message_reads_in_full()
    {
        var options = new OptionSourcesBuilder().Arg("image", Image).Env("BUILDX_CACHE_MAX_AGE", "7d").Read();

        var problem = BuildxCacheOptionsValidator.Validate(options, isCI: false).Single();

        Assert.That(problem.Message, Is.EqualTo(
            "cache-max-age '7d' (from BUILDX_CACHE_MAX_AGE): uses days, which durations here do not have: write 168h for 7d; set --cache-max-age=168h, BUILDX_CACHE_MAX_AGE, or CacheMaxAge= under [Buildx] in cake.config"));
    }

    [Test]
    public void The_options_are_in_the_catalog_and_the_live_branches_take_several_values()
    {
        Assert.That(OptionCatalog.All.Select(option => option.Name), Is.SupersetOf(new[] { "prune-registry", "cache-max-age", "confirm", "live-branches" }));
        Assert.That(OptionCatalog.LiveBranches.IsList, Is.True);
        Assert.That(OptionCatalog.PruneRegistry.EnvironmentVariable, Is.EqualTo("BUILDX_PRUNE_REGISTRY"));
        Assert.That(OptionCatalog.CacheMaxAge.ConfigFileKey, Is.EqualTo("CacheMaxAge"));
    }
}
