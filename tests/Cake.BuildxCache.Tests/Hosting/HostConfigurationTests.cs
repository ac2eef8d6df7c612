using Cake.BuildxCache.Tests.Hosting.Support;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Hosting;

public sealed class HostConfigurationTests
{
    private static IEnumerable<TestCaseData> Precedence()
    {
        yield return new TestCaseData(false, null, null, "<unset>").SetName("Nothing set");
        yield return new TestCaseData(true, null, null, "file").SetName("cake.config alone");
        yield return new TestCaseData(false, "env", null, "env").SetName("Environment alone");
        yield return new TestCaseData(true, "env", null, "env").SetName("Environment over cake.config");
        yield return new TestCaseData(true, null, "arg", "arg").SetName("Argument over cake.config");
        yield return new TestCaseData(true, "env", "arg", "arg").SetName("Argument over environment and cake.config");
    }

    [TestCaseSource(nameof(Precedence))]
    public void Argument_over_environment_over_cake_config(bool file, string? environment, string? argument, string expected)
    {
        using var directory = new TemporaryDirectory();
        if (file)
        {
            directory.Write("cake.config", "; comment\n[Buildx]\nImage=file\n");
        }

        var variables = new Dictionary<string, string>();
        if (environment is not null)
        {
            variables["CAKE_BUILDX_IMAGE"] = environment;
        }

        var args = new List<string> { "--target=PrintConfig", $"--working={directory.Path}" };
        if (argument is not null)
        {
            args.Add($"--buildx_image={argument}");
        }

        var result = new HostRunner().WithTasks(typeof(PrintConfigTask)).WithEnvironment(variables).Run([.. args]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "Buildx_Image=" + expected }));
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
