using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests;

/// <summary>
/// The run's first and last steps. First: name the run (its id is in every builder, volume and folder it makes), sweep
/// what runs that are over left (<see cref="StaleTestRuns"/>), and start the watchdog that removes this run's builders and
/// folder when the test host ends without its last step (Ctrl-C, a kill: <see cref="TestRunWatchdog"/>). Last: nothing of
/// the run stays in the temp folder.
/// </summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    [OneTimeSetUp]
    public void NameTheRunAndSweepWhatEndedRunsLeft()
    {
        TestContext.Progress.WriteLine($"test run {TestRun.Id}: builders e2e-{TestRun.Id}-…, folder {TestRun.Path}");
        foreach (var removed in StaleTestRuns.Sweep(Path.GetTempPath(), TestRun.Id, withEngine: ToolPath.Find("docker") is not null))
        {
            TestContext.Progress.WriteLine("test run: removed what an ended run left: " + removed);
        }

        if (!TestRunWatchdog.Start(TestRun.Id, TestRun.Path, ToolPath.Find("docker")))
        {
            TestContext.Progress.WriteLine("test run: no setsid or sh: an interrupted run's builders stay until the next run's sweep");
        }
    }

    [OneTimeTearDown]
    public void DeleteTheRunFolder()
    {
        if (TestRun.Created)
        {
            TemporaryDirectory.Delete(TestRun.Path);
            TestRun.End();
        }
    }
}
