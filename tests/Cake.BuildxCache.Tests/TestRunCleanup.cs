using System.Runtime.InteropServices;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests;

/// <summary>
/// The run's first and last steps. First: name the run (its id is in every builder, volume and folder it makes), sweep
/// what runs that are over left (<see cref="StaleTestRuns"/>), and make an interrupt (SIGINT, Ctrl-C; SIGTERM) remove this
/// run's builders and folder before the process ends. Last: nothing of the run stays in the temp folder.
/// </summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    private readonly List<PosixSignalRegistration> _interrupts = [];

    [OneTimeSetUp]
    public void NameTheRunAndSweepWhatEndedRunsLeft()
    {
        TestContext.Progress.WriteLine($"test run {TestRun.Id}: builders e2e-{TestRun.Id}-…, folder {TestRun.Path}");
        foreach (var removed in StaleTestRuns.Sweep(Path.GetTempPath(), TestRun.Id, withEngine: ToolPath.Find("docker") is not null))
        {
            TestContext.Progress.WriteLine("test run: removed what an ended run left: " + removed);
        }

        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _interrupts.Add(PosixSignalRegistration.Create(signal, Interrupted));
        }
    }

    [OneTimeTearDown]
    public void DeleteTheRunFolder()
    {
        foreach (var registration in _interrupts)
        {
            registration.Dispose();
        }

        if (TestRun.Created)
        {
            TemporaryDirectory.Delete(TestRun.Path);
            TestRun.End();
        }
    }

    /// <summary>The process ends after this (the signal is not cancelled): the builders first, the folder (and its lock) last.</summary>
    private static void Interrupted(PosixSignalContext context)
    {
        Console.Error.WriteLine($"test run {TestRun.Id}: {context.Signal}: removing its builders and folder");
        if (ToolPath.Find("docker") is not null)
        {
            StaleTestRuns.RemoveResourcesOf(TestRun.Id);
        }

        TemporaryDirectory.Delete(TestRun.Path);
    }
}
