using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The run's registry is on 127.0.0.1, as the module's local default image (<c>localhost:5000/…</c>) is: a
/// docker-container builder without host networking cannot reach it, so the plan gives the builder
/// <c>network=host</c>, unless the user chose another network (then docker's own error says why).
/// </summary>
public sealed class LoopbackRegistryTests() : RealStackFixture("loopback")
{
    private IReadOnlyList<string> OwnConfigOnly => ["--buildkitd-config=buildkitd.toml"];

    [Test]
    public void Publish_to_a_loopback_registry_gets_host_networking_without_being_asked()
    {
        var job = Scene.GitLab().Branch("main", "main");

        var plan = Scene.RunWithBuilder(job, OwnConfigOnly, "--target=Plan");
        var run = Scene.RunWithBuilder(job, OwnConfigOnly, "--target=Publish");

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Lines, Has.Member($"  network:        host (added: BuildKit reaches the registry {Registry.Host} on this machine's loopback only on the host's network; --driver-opt=network=… chooses another)"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("buildx", "create").Single(), Does.Contain("network=host"));
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain("network=\"host\"").Or.Contain("network=host"));
        Assert.That(Registry.Tags(Scene.Project), Has.Member("main"));
    }

    [Test]
    public void A_network_the_user_chose_is_kept_and_dockers_error_says_why_the_registry_is_out_of_reach()
    {
        var job = Scene.GitLab().Branch("main", "main");

        var run = Scene.RunWithBuilder(job, [.. OwnConfigOnly, "--driver-opt=network=bridge"], "--target=Publish");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("buildx", "create").Single(), Does.Contain("network=bridge").And.No.Contain("network=host"));
        Assert.That(run.Output, Does.Contain($"{Registry.Host}").And.Contain("connection refused"));
        Assert.That(Registry.Tags(Scene.Project), Is.Empty);
    }
}
