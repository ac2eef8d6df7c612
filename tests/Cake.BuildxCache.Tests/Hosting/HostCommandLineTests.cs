using Cake.BuildxCache.Tests.Hosting.Support;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Hosting;

public sealed class HostCommandLineTests
{
    private static readonly Type[] Graph = [typeof(TaskA), typeof(TaskB), typeof(TaskC), typeof(EarlyTask), typeof(DefaultTask)];

    [Test]
    public void Several_targets_run_each_once()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--target=B", "--target", "Early");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "A", "B", "Early" }));
    }

    [Test]
    public void Exclusive_runs_the_target_without_its_dependencies()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--target=C", "--exclusive");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "C" }));
    }

    [Test]
    public void Dryrun_names_the_tasks_and_runs_none()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--target=C", "--dryrun");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.Empty);
        Assert.That(result.Output, Does.Contain("A").And.Contain("Early").And.Contain("C"));
    }

    [Test]
    public void Tree_prints_the_dependency_graph_and_runs_nothing()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--tree");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.Empty);
        Assert.That(result.Output, Does.Contain("C\n└─B\n   └─A\n"));
    }

    [Test]
    public void Description_lists_tasks_with_their_descriptions()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--description");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Output, Does.Contain("Runs after B."));
        Assert.That(result.Log, Is.Empty);
    }

    [Test]
    public void Unknown_target_fails_and_names_the_known_targets()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--target=Nope");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("The target 'Nope' was not found. Known targets: A, B, C, Default, Early."));
        Assert.That(result.Log, Is.Empty);
    }

    [Test]
    public void Version_prints_host_and_engine_versions()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--version");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Output, Does.Match(@"Cake\.BuildxCache\.Hosting \S+ \(Cake engine 7\.0\.0\)"));
        Assert.That(result.Log, Is.Empty);
    }

    [Test]
    public void Info_prints_the_engine_information()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--info");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Output, Does.Match(@"Version: Cake\.BuildxCache\.Hosting \S+ \(Cake engine 7\.0\.0\)"));
    }

    [Test]
    public void Help_lists_the_options()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--help");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Output, Does.Contain("--target").And.Contain("--dryrun").And.Contain("--working").And.Contain("--exclusive"));
    }

    [TestCase("--verbosity=loud", "loud")]
    [TestCase("--target", "")]
    public void A_bad_host_option_fails_with_one_clear_message(string option, string named)
    {
        var result = new HostRunner().WithTasks(Graph).Run(option);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("Error:"));
        Assert.That(result.Output, Does.Contain(named));
        Assert.That(result.Output, Does.Not.Contain("   at "));
        Assert.That(result.Log, Is.Empty);
    }

    [Test]
    public void Other_options_reach_the_Cake_arguments()
    {
        var result = new HostRunner()
            .WithTasks(typeof(PrintArgumentsTask))
            .Run("--target=PrintArguments", "--image=registry.example.com/app", "--platform=linux/amd64", "--platform=linux/arm64", "--cache-readonly");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Does.Contain("image=registry.example.com/app"));
        Assert.That(result.Log, Does.Contain("platform=linux/amd64|linux/arm64"));
        Assert.That(result.Log, Does.Contain("target=PrintArguments"));
        Assert.That(result.Log.Any(entry => entry.StartsWith("cache-readonly", StringComparison.Ordinal)), result.Output);
    }

    [Test]
    public void Working_sets_where_cake_config_is_read()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", "[Buildx]\nImage=from-file\n");

        var result = new HostRunner().WithTasks(typeof(PrintConfigTask)).Run("--target=PrintConfig", $"--working={directory.Path}");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "Buildx_Image=from-file" }));
    }

    [Test]
    public void A_working_directory_that_does_not_exist_is_named_in_the_error()
    {
        var result = new HostRunner().WithTasks(typeof(PrintConfigTask)).Run("--target=PrintConfig", "--working=/no/such/dir");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("/no/such/dir").And.Contain("--working"));
        Assert.That(result.Log, Is.Empty);
    }

    [Test]
    public void UseWorkingDirectory_is_the_default_and_working_overrides_it()
    {
        using var configured = new TemporaryDirectory();
        configured.Write("cake.config", "[Buildx]\nImage=configured\n");
        using var argument = new TemporaryDirectory();
        argument.Write("cake.config", "[Buildx]\nImage=argument\n");

        var runner = new HostRunner().WithTasks(typeof(PrintConfigTask)).Configure(host => host.UseWorkingDirectory(configured.Path));

        Assert.That(runner.Run("--target=PrintConfig").Log, Is.EqualTo(new[] { "Buildx_Image=configured" }));
        Assert.That(runner.Run("--target=PrintConfig", $"--working={argument.Path}").Log, Is.EqualTo(new[] { "Buildx_Image=argument" }));
    }
}
