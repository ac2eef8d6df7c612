using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// When an existing builder is recreated for the generated buildkitd.toml or the remote daemon: a builder keeps the
/// config it was created with, so its recorded hash decides; a remote builder's node endpoint is its daemon.
/// </summary>
public sealed class BuilderRecreateTests
{
    private static BuilderPlan Planned(params string[] insecure) =>
        BuilderPolicy.Plan(new BuildxCacheOptions { InsecureRegistries = insecure }, DockerHostInfo.Local);

    private static BuilderInfo Existing(string driver, string? endpoint, params (string Key, string Value)[] driverOptions) =>
        new("buildx-cache", driver, [new BuilderNode("buildx-cache0")
        {
            Endpoint = endpoint,
            Status = "running",
            DriverOptions = driverOptions.ToDictionary(pair => pair.Key, pair => pair.Value),
        }]);

    private static BuilderInfo WithConfig(BuilderPlan plan, string? hash) =>
        Existing("docker-container", "unix:///var/run/docker.sock", [("image", "moby/buildkit:v0.32.2"), .. hash is null ? [] : new[] { ("env.CAKE_BUILDXCACHE_CONFIG", hash) }]);

    [Test]
    public void A_builder_with_the_same_generated_config_is_reused()
    {
        var plan = Planned("registry.lan:5000");

        Assert.That(BuilderDecision.Decide(WithConfig(plan, plan.GeneratedConfig!.Hash), plan), Is.EqualTo(new BuilderDecision(BuilderAction.Reuse, null)));
    }

    [Test]
    public void A_changed_generated_config_recreates_the_builder_naming_both_hashes()
    {
        var before = Planned("registry.lan:5000");
        var after = Planned("registry.lan:5000", "other.lan:5000");

        var decision = BuilderDecision.Decide(WithConfig(before, before.GeneratedConfig!.Hash), after);

        Assert.That(decision, Is.EqualTo(new BuilderDecision(
            BuilderAction.Recreate,
            $"its generated buildkitd.toml differs (config {before.GeneratedConfig.Hash}, the plan's is {after.GeneratedConfig!.Hash})")));
    }

    [Test]
    public void A_builder_made_without_the_generated_config_or_with_one_no_longer_planned_is_recreated()
    {
        var plan = Planned("registry.lan:5000");
        var none = Planned();

        Assert.That(BuilderMatch.Mismatch(WithConfig(plan, null), plan), Is.EqualTo($"it was not created with the generated artifacts/buildkitd.toml (config {plan.GeneratedConfig!.Hash})"));
        Assert.That(BuilderMatch.Mismatch(WithConfig(plan, plan.GeneratedConfig.Hash), none), Is.EqualTo($"it was created with a generated buildkitd.toml (config {plan.GeneratedConfig.Hash}) the plan no longer has"));
        Assert.That(BuilderMatch.Mismatch(WithConfig(none, null), none), Is.Null, "neither has one");
    }

    [Test]
    public void A_remote_builder_is_reused_on_its_daemon_and_recreated_for_another()
    {
        var options = new BuildxCacheOptions { BuilderDriver = "remote", BuilderEndpoint = "tcp://127.0.0.1:1234" };
        var plan = BuilderPolicy.Plan(options, DockerHostInfo.Local);

        Assert.That(BuilderMatch.Mismatch(Existing("remote", "tcp://127.0.0.1:1234"), plan), Is.Null);
        Assert.That(BuilderMatch.Mismatch(Existing("remote", "tcp://127.0.0.1:4321"), plan), Is.EqualTo("it connects to tcp://127.0.0.1:4321, the plan needs tcp://127.0.0.1:1234"));
        Assert.That(BuilderMatch.Mismatch(Existing("docker-container", "unix:///var/run/docker.sock"), plan), Is.EqualTo("it uses driver docker-container, the plan needs remote"));
    }
}
