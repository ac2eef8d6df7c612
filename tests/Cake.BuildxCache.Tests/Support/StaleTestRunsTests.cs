using System.Diagnostics;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// The sweep of what ended test runs left and the watchdog of an interrupted one, in the real engine and a real temp
/// folder. The sweep: a builder container, its state volume and the run folder of a run whose lock is free go; those of a
/// run whose lock another process holds (a live run, here <c>flock</c> holding it as the test host does), this run's own,
/// and anything whose name does not prove it is the tests' stay.
/// </summary>
[NonParallelizable]
public sealed class StaleTestRunsTests
{
    private const string BuildKitImage = "moby/buildkit:v0.32.2";

    private static string NewId() => Guid.NewGuid().ToString("N")[..8];

    private static ProcessResult Docker(params string[] arguments) =>
        ProcessRunner.Run(ToolPath.Find("docker")!, arguments, timeout: TimeSpan.FromMinutes(1));

    private static bool VolumeExists(string name) => Docker("volume", "inspect", name).ExitCode == 0;

    private static bool ContainerExists(string name) => Docker("container", "inspect", name).ExitCode == 0;

    private static string RunFolder(string root, string id, bool withLock = true)
    {
        var folder = TestRun.FolderOf(root, id);
        Directory.CreateDirectory(Path.Combine(folder, "docker-config"));
        if (withLock)
        {
            File.WriteAllText(Path.Combine(folder, TestRun.LockFile), string.Empty);
        }

        return folder;
    }

    [Test]
    public void Removes_an_ended_runs_builder_volume_and_folder_and_leaves_a_live_runs_its_own_and_any_other()
    {
        if (ToolPath.Find("docker") is null || Docker("image", "inspect", BuildKitImage).ExitCode != 0)
        {
            Assert.Ignore($"needs docker and the image {BuildKitImage} (the rig's)");
        }

        using var temp = new TemporaryDirectory();
        string ended = NewId(), live = NewId(), own = NewId();
        var endedContainer = $"buildx_buildkit_e2e-{ended}-a1b2c30";
        var endedVolume = endedContainer + "_state";
        var liveVolume = $"buildx_buildkit_e2e-{live}-a1b2c30_state";
        var ownVolume = $"buildx_buildkit_e2e-{own}-a1b2c30_state";
        var otherVolume = $"buildx_buildkit_sweep{ended}0_state";
        var endedFolder = RunFolder(temp.Path, ended);
        var liveFolder = RunFolder(temp.Path, live);
        var ownFolder = RunFolder(temp.Path, own);
        var startingFolder = RunFolder(temp.Path, NewId(), withLock: false);
        var otherFolder = Directory.CreateDirectory(Path.Combine(temp.Path, TestRun.FolderPrefix + "not-a-run")).FullName;
        using var liveRun = Process.Start(new ProcessStartInfo("flock", ["--close", Path.Combine(liveFolder, TestRun.LockFile), "sleep", "120"]))!;
        try
        {
            Assert.That(Docker("create", "--name", endedContainer, "--network", "none", BuildKitImage).ExitCode, Is.EqualTo(0));
            foreach (var volume in new[] { endedVolume, liveVolume, ownVolume, otherVolume })
            {
                Assert.That(Docker("volume", "create", volume).ExitCode, Is.EqualTo(0));
            }

            // Until flock holds the lock, the live run would look ended.
            var clock = Stopwatch.StartNew();
            while (TestRun.TryLock(liveFolder) is { } free)
            {
                free.Dispose();
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "flock did not take the lock");
                Thread.Sleep(50);
            }

            var removed = StaleTestRuns.Sweep(temp.Path, own, withEngine: true);

            Assert.Multiple(() =>
            {
                Assert.That(removed, Is.EquivalentTo(new[] { endedContainer, endedVolume, endedFolder }));
                Assert.That(ContainerExists(endedContainer), Is.False);
                Assert.That(VolumeExists(endedVolume), Is.False);
                Assert.That(Directory.Exists(endedFolder), Is.False);
                Assert.That(VolumeExists(liveVolume) && Directory.Exists(liveFolder), Is.True, "a live run's");
                Assert.That(VolumeExists(ownVolume) && Directory.Exists(ownFolder), Is.True, "this run's own");
                Assert.That(VolumeExists(otherVolume) && Directory.Exists(otherFolder) && Directory.Exists(startingFolder), Is.True, "names that prove nothing, a run still starting");
            });

            liveRun.Kill(entireProcessTree: true);
            liveRun.WaitForExit();
            Assert.That(StaleTestRuns.Sweep(temp.Path, own, withEngine: true), Is.EquivalentTo(new[] { liveVolume, liveFolder }), "once its process is gone, the live run has ended");
        }
        finally
        {
            if (!liveRun.HasExited)
            {
                liveRun.Kill(entireProcessTree: true);
            }

            Docker("rm", "--force", endedContainer);
            foreach (var volume in new[] { endedVolume, liveVolume, ownVolume, otherVolume })
            {
                Docker("volume", "rm", "--force", volume);
            }
        }
    }

    /// <summary>The watchdog of a run whose host process ends (here a <c>sleep</c> standing for the test host, killed as an interrupt kills it).</summary>
    [Test]
    public void The_watchdog_removes_its_runs_builders_and_folder_when_the_host_process_ends_and_nothing_else()
    {
        if (ToolPath.Find("setsid") is null || ToolPath.Find("docker") is null || Docker("version", "--format", "{{.Server.Version}}").ExitCode != 0)
        {
            Assert.Ignore("needs setsid and docker with an engine that answers (volumes stand for a run's builder state)");
        }

        using var temp = new TemporaryDirectory();
        string run = NewId(), other = NewId();
        var volume = $"buildx_buildkit_e2e-{run}-a1b2c30_state";
        var otherVolume = $"buildx_buildkit_e2e-{other}-a1b2c30_state";
        var folder = RunFolder(temp.Path, run);
        using var host = Process.Start(new ProcessStartInfo("sleep", ["120"]))!;
        try
        {
            foreach (var name in new[] { volume, otherVolume })
            {
                Assert.That(Docker("volume", "create", name).ExitCode, Is.EqualTo(0));
            }

            Assert.That(TestRunWatchdog.Start(run, folder, ToolPath.Find("docker"), host.Id), Is.True);
            Thread.Sleep(1500);
            Assert.That(VolumeExists(volume) && Directory.Exists(folder), Is.True, "nothing is removed while the host lives");

            host.Kill();
            var clock = Stopwatch.StartNew();
            while ((VolumeExists(volume) || Directory.Exists(folder)) && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                Thread.Sleep(200);
            }

            Assert.Multiple(() =>
            {
                Assert.That(VolumeExists(volume), Is.False, "the run's volume");
                Assert.That(Directory.Exists(folder), Is.False, "the run's folder");
                Assert.That(VolumeExists(otherVolume), Is.True, "another run's");
            });
            TestContext.Out.WriteLine($"removed {clock.Elapsed.TotalSeconds:0.0} s after the host ended");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }

            foreach (var name in new[] { volume, otherVolume })
            {
                Docker("volume", "rm", "--force", name);
            }
        }
    }
}
