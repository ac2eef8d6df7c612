using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>--builder-driver=remote --builder-endpoint=tcp://…</c> against a real BuildKit daemon of its own, started as
/// users run a shared one (<c>docker run --entrypoint buildkitd moby/buildkit:v0.32.2 --addr tcp://127.0.0.1:PORT</c>)
/// with its own buildkitd.toml for the run's plain-HTTP registry: for the remote driver the config belongs to the
/// daemon, and buildx refuses one at <c>create</c>. Publish through it cold, then warm from the registry cache.
/// </summary>
public sealed class RemoteDriverTests() : RealStackFixture("remote")
{
    private BuildkitDaemon? _daemon;

    [TearDown]
    public void RemoveDaemon()
    {
        _daemon?.Dispose();
        _daemon = null;
    }

    /// <summary>Starts buildkitd on 127.0.0.1; returns its endpoint once it listens.</summary>
    private string StartDaemon()
    {
        // Named after the scene's builder, so the run's sweep of leftover builder containers removes it too.
        _daemon = BuildkitDaemon.Start($"buildx_buildkit_{Scene.Builder}-daemon", Registry.Host);
        return _daemon.Endpoint;
    }

    [Test]
    public void Publish_through_a_remote_BuildKit_cold_then_warm_from_the_registry_cache()
    {
        var endpoint = StartDaemon();
        var job = Scene.GitLab().Branch("main", "main");
        string[] remote = ["--builder-driver=remote", "--builder-endpoint=" + endpoint];

        var plan = Scene.RunWithBuilder(job, remote, "--target=Plan");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Output, Does.Contain($"  builder nodes (1):\n                  {Scene.Builder}0: remote BuildKit daemon {endpoint} (no TLS); its daemon's platforms"));

        var cold = Scene.RunWithBuilder(job, remote, "--target=Publish");

        Assert.That(cold.ExitCode, Is.EqualTo(0), cold.ToString());
        Assert.That(Scene.Calls("buildx", "create").Single(), Is.EqualTo(new[] { "buildx", "create", "--name", Scene.Builder, "--driver", "remote", "--bootstrap", endpoint }));
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain("Driver:        remote").And.Contain("Endpoint:         " + endpoint).And.Contain("v0.32.2"));
        var coldReport = ReportFile.Read(Scene.Workspace);
        Assert.That(coldReport.Ran, Is.GreaterThanOrEqualTo(3), coldReport.ToString());
        Assert.That(Registry.Tags(Scene.Project), Is.EquivalentTo(new[] { "main", Scene.Workspace.ShortSha, "latest" }));
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EqualTo(new[] { "main" }));

        // The daemon's own cache goes, so what the warm build does not run comes from the registry.
        var pruned = Scene.Docker("buildx", "prune", "--builder", Scene.Builder, "--all", "--force");
        Assert.That(pruned.ExitCode, Is.EqualTo(0), pruned.Output);

        var warm = Scene.RunWithBuilder(job, remote, "--target=Publish");

        Assert.That(warm.ExitCode, Is.EqualTo(0), warm.ToString());
        Assert.That(warm.Output, Does.Contain($"Reusing builder {Scene.Builder} (driver remote, running)."));
        var warmReport = ReportFile.Read(Scene.Workspace);
        Assert.That(warmReport.Ran, Is.Zero, warmReport.ToString());
        Assert.That(warmReport.Cached, Is.EqualTo(warmReport.BuildSteps).And.GreaterThanOrEqualTo(3), warmReport.ToString());
        Assert.That(warmReport.Imported, Has.Member($"{Scene.Image}/cache:main"));
        // The warm run's create was refused (the builder existed) and nothing was removed.
        Assert.That(Scene.Calls("buildx", "create"), Has.Count.EqualTo(2));
        Assert.That(Scene.Calls("buildx", "rm"), Is.Empty);
        TestContext.Out.WriteLine($"remote: cold {cold.Elapsed.TotalSeconds:0.0} s ({coldReport}); warm {warm.Elapsed.TotalSeconds:0.0} s ({warmReport})");
    }
}
