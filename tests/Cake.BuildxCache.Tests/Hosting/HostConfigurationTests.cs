using Cake.BuildxCache.Tests.Hosting.Support;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>
/// The configuration's order under our host is Cake's own: <c>CAKE_*</c> environment, then cake.config, then
/// arguments; and the options rank their own <c>BUILDX_*</c> variables and arguments above the whole configuration,
/// alike under the official runner and our host.
/// </summary>
public sealed class HostConfigurationTests
{
    private static IEnumerable<TestCaseData> Combinations(int sources) =>
        Enumerable.Range(0, 1 << sources).Select(bits => new TestCaseData(Enumerable.Range(0, sources).Select(bit => (bits & (1 << bit)) != 0).Cast<object>().ToArray()));

    private static IEnumerable<TestCaseData> ThreeSources() => Combinations(3);

    private static IEnumerable<TestCaseData> SixSources() => Combinations(6);

    [TestCaseSource(nameof(ThreeSources))]
    public void Environment_then_cake_config_then_argument_as_Cakes_own_provider_orders_them(bool environment, bool file, bool argument)
    {
        using var directory = new TemporaryDirectory();
        if (file)
        {
            directory.Write("cake.config", "; comment\n[Buildx]\nImage=file\n");
        }

        var variables = environment ? new Dictionary<string, string> { ["CAKE_BUILDX_IMAGE"] = "env" } : [];
        var args = argument ? new KeyValuePair<string, string>[] { new("buildx_image", "arg") } : [];

        var result = new HostRunner().WithTasks(typeof(PrintConfigTask)).WithEnvironment(variables)
            .Run(["--target=PrintConfig", $"--working={directory.Path}", .. args.Select(pair => $"--{pair.Key}={pair.Value}")]);

        var expected = argument ? "arg" : file ? "file" : environment ? "env" : "<unset>";
        var cakes = new ConfigHosts(directory.Path, variables, args).OfficialRunner().GetValue("Buildx_Image") ?? "<unset>";
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "Buildx_Image=" + expected }));
        Assert.That(cakes, Is.EqualTo(expected), "Cake's own provider");
    }

    [TestCaseSource(nameof(SixSources))]
    public void An_option_takes_its_argument_then_its_BUILDX_variable_then_the_configuration_then_the_CI_default_under_both_hosts(
        bool ci, bool cakeVariable, bool file, bool configArgument, bool buildxVariable, bool argument)
    {
        using var directory = new TemporaryDirectory();
        if (file)
        {
            directory.Write("cake.config", "[Buildx]\nImage=file.example.com/app\n");
        }

        var variables = new Dictionary<string, string>();
        var args = new List<KeyValuePair<string, string>>();
        if (ci)
        {
            variables["CI_REGISTRY_IMAGE"] = "ci.example.com/app";
        }

        if (cakeVariable)
        {
            variables["CAKE_BUILDX_IMAGE"] = "cake-env.example.com/app";
        }

        if (buildxVariable)
        {
            variables["BUILDX_IMAGE"] = "buildx-env.example.com/app";
        }

        if (configArgument)
        {
            args.Add(new("buildx_image", "config-arg.example.com/app"));
        }

        if (argument)
        {
            args.Add(new("image", "arg.example.com/app"));
        }

        var expected =
            argument ? ("arg.example.com/app", "from --image")
            : buildxVariable ? ("buildx-env.example.com/app", "from BUILDX_IMAGE")
            : configArgument ? ("config-arg.example.com/app", "from configuration Buildx_Image")
            : file ? ("file.example.com/app", "from configuration Buildx_Image")
            : cakeVariable ? ("cake-env.example.com/app", "from configuration Buildx_Image")
            : ci ? ("ci.example.com/app", "from CI_REGISTRY_IMAGE")
            : ((string?)null, (string?)null);
        var hosts = new ConfigHosts(directory.Path, variables, args);
        foreach (var (host, configuration) in new[] { ("official runner", hosts.OfficialRunner()), ("our host", hosts.OurHost()) })
        {
            var options = hosts.ReadOptions(configuration);
            Assert.That((options.Image, options.Origins.GetValueOrDefault("image")?.ToString()), Is.EqualTo(expected), host);
        }
    }

    [Test]
    public void A_repeated_configuration_argument_gives_its_first_value_as_under_Cakes_runner()
    {
        using var directory = new TemporaryDirectory();
        var args = new KeyValuePair<string, string>[] { new("buildx_image", "first"), new("buildx_image", "second") };
        var hosts = new ConfigHosts(directory.Path, arguments: args);

        Assert.That(hosts.OurHost().GetValue("Buildx_Image"), Is.EqualTo("first").And.EqualTo(hosts.OfficialRunner().GetValue("Buildx_Image")));
    }

    [Test]
    public void Verbosity_comes_from_configuration_when_no_option_is_given()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", "[Settings]\nVerbosity=Diagnostic\n");

        var result = new HostRunner().WithTasks(typeof(FailingTask)).Run("--target=Fails", $"--working={directory.Path}");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("   at "), "diagnostic verbosity prints the stack trace");
    }
}
