using Cake.BuildxCache.Tests.Hosting.Support;

namespace Cake.BuildxCache.Tests.Hosting;

public sealed class HostTaskTests
{
    private static readonly Type[] Graph = [typeof(TaskA), typeof(TaskB), typeof(TaskC), typeof(EarlyTask), typeof(DefaultTask)];

    [Test]
    public void Dependencies_run_first_in_graph_order()
    {
        var result = new HostRunner().WithTasks(Graph).Run("--target=C");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "A", "B", "Early", "C" }));
    }

    [Test]
    public void Without_a_target_the_Default_task_runs()
    {
        var result = new HostRunner().WithTasks(Graph).Run();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "A", "Default" }));
    }

    [Test]
    public void Public_tasks_of_an_added_assembly_are_discovered_and_internal_ones_are_not()
    {
        var result = new HostRunner()
            .Configure(host => host.AddAssembly(typeof(DiscoveredFirstTask).Assembly))
            .Run("--target=DiscoveredSecond");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Output, Does.Contain("DiscoveredFirst ran"));
        Assert.That(result.Output.IndexOf("DiscoveredFirst ran", StringComparison.Ordinal),
            Is.LessThan(result.Output.IndexOf("DiscoveredSecond ran", StringComparison.Ordinal)));

        var missing = new HostRunner()
            .Configure(host => host.AddAssembly(typeof(DiscoveredFirstTask).Assembly))
            .Run("--target=A");
        Assert.That(missing.ExitCode, Is.Not.EqualTo(0));
        Assert.That(missing.Output, Does.Contain("Known targets: DiscoveredFirst, DiscoveredSecond."));
    }

    [Test]
    public void A_task_whose_criteria_is_false_is_skipped_and_its_dependents_still_run()
    {
        var result = new HostRunner()
            .WithTasks(typeof(TaskA), typeof(SkippedTask), typeof(AfterSkippedTask))
            .Run("--target=AfterSkipped");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "A", "AfterSkipped" }));
        Assert.That(result.Output, Does.Contain("Skipped"));
    }

    [Test]
    public void A_failing_task_stops_the_build_runs_its_finally_and_exits_non_zero_with_one_message()
    {
        var result = new HostRunner()
            .WithTasks(typeof(FailingTask), typeof(AfterFailingTask))
            .Run("--target=AfterFails");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Log, Is.EqualTo(new[] { "Fails finally" }));
        Assert.That(result.Output, Does.Contain("Error: boom from Fails"));
        Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace below diagnostic verbosity");
    }

    [Test]
    public void At_diagnostic_verbosity_a_failure_shows_its_stack_trace()
    {
        var result = new HostRunner().WithTasks(typeof(FailingTask)).Run("--target=Fails", "--verbosity=diagnostic");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("   at "));
    }

    [Test]
    public void An_overridden_OnError_handles_the_error_and_Finally_still_runs()
    {
        var result = new HostRunner().WithTasks(typeof(HandledFailureTask)).Run("--target=FailsHandled");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "OnError: handled boom", "FailsHandled finally" }));
    }

    [Test]
    public void ContinueOnError_lets_the_dependents_run()
    {
        var result = new HostRunner()
            .WithTasks(typeof(ContinueOnErrorTask), typeof(AfterContinueTask))
            .Run("--target=AfterContinue");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "FailsButContinues", "AfterContinue" }));
    }

    [Test]
    public void A_CakeException_exit_code_becomes_the_process_exit_code()
    {
        var result = new HostRunner().WithTasks(typeof(ExitCodeTask)).Run("--target=ExitCode42");

        Assert.That(result.ExitCode, Is.EqualTo(42));
        Assert.That(result.Output, Does.Contain("exit with 42"));
    }

    [Test]
    public void Async_tasks_are_awaited()
    {
        var result = new HostRunner().WithTasks(typeof(AsyncTask)).Run("--target=Async");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "Async done" }));
    }

    [Test]
    public void UseContext_gives_tasks_the_custom_context()
    {
        var result = new HostRunner()
            .WithTasks(typeof(UsesCustomContextTask))
            .Configure(host => host.UseContext<CustomContext>())
            .Run("--target=UsesCustomContext");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "hello from CustomContext" }));
    }

    [Test]
    public void A_dependency_cycle_fails_with_a_clear_message()
    {
        var result = new HostRunner()
            .WithTasks(typeof(CycleOne), typeof(CycleTwo), typeof(CycleThree))
            .Run("--target=CycleOne");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("circular"));
    }

    [Test]
    public void A_dependency_on_a_type_that_is_not_a_task_is_named_in_the_error()
    {
        var result = new HostRunner().WithTasks(typeof(DependsOnNonTask)).Run("--target=DependsOnNonTask");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("'System.String' is used as a task dependency but is not a task"));
    }
}
