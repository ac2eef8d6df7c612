using Cake.BuildxCache.Tests.Hosting.Support;

namespace Cake.BuildxCache.Tests.Hosting;

public sealed class HostLifetimeTests
{
    [Test]
    public void Setup_runs_before_the_tasks_and_teardown_after_them()
    {
        var result = new HostRunner()
            .WithTasks(typeof(TaskA), typeof(TaskB))
            .Configure(host => host.UseLifetime<RecordingLifetime>())
            .Run("--target=B");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "Setup(A,B)", "A", "B", "Teardown(successful=True)" }));
    }

    [Test]
    public void Teardown_runs_after_a_failure_and_reports_it()
    {
        var result = new HostRunner()
            .WithTasks(typeof(FailingTask))
            .Configure(host => host.UseLifetime<RecordingLifetime>())
            .Run("--target=Fails");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Log, Is.EqualTo(new[] { "Setup(Fails)", "Fails finally", "Teardown(successful=False)" }));
    }

    [Test]
    public void A_failing_setup_runs_no_task()
    {
        var result = new HostRunner()
            .WithTasks(typeof(TaskA))
            .Configure(host => host.UseLifetime<FailingSetupLifetime>())
            .Run("--target=A");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Log, Is.Empty);
        Assert.That(result.Output, Does.Contain("setup refused"));
    }

    [Test]
    public void Task_lifetime_wraps_every_task()
    {
        var result = new HostRunner()
            .WithTasks(typeof(TaskA), typeof(TaskB))
            .Configure(host => host.UseTaskLifetime<RecordingTaskLifetime>())
            .Run("--target=B");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.Log, Is.EqualTo(new[] { "before A", "A", "after A", "before B", "B", "after B" }));
    }

    [Test]
    public void Setups_and_teardowns_register_on_their_own_and_nest_with_lifetimes()
    {
        var result = new HostRunner()
            .WithTasks(typeof(FailingTask))
            .Configure(host => host.UseSetup<RecordingSetup>().UseLifetime<RecordingLifetime>().UseTeardown<RecordingTeardown>())
            .Run("--target=Fails");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Log, Is.EqualTo(new[]
        {
            "setup only", "Setup(Fails)", "Fails finally", "teardown only (successful=False)", "Teardown(successful=False)",
        }));
    }
}
