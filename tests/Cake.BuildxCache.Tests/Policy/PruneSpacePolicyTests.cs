using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// Which prune flags carry the space limits, by the versions in <see cref="BuildxPruneFlags"/>: the buildx versions
/// are read from the captured <c>docker buildx version</c> of 0.10.5 and 0.36.1, the BuildKit versions from their
/// captured <c>inspect</c> of a running builder (v0.11.6, v0.32.2).
/// </summary>
public sealed class PruneSpacePolicyTests
{
    private static BuildxVersion Buildx(string version) => BuildxVersion.Parse(string.Join('\n', Fixtures.Captured("buildx-version.txt", version).Lines));

    private static Version? Buildkit(string version) =>
        BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-running.txt", version).Lines)!.Nodes.Single().BuildkitVersionNumber;

    [Test]
    public void The_captured_versions_are_what_the_gates_are_tested_with()
    {
        Assert.That(Buildx(Fixtures.Buildx0105).Number, Is.EqualTo(new Version(0, 10, 5)));
        Assert.That(Buildx(Fixtures.Buildx0361).Number, Is.EqualTo(new Version(0, 36, 1)));
        Assert.That(Buildkit(Fixtures.Buildx0105), Is.EqualTo(new Version(0, 11, 6)));
        Assert.That(Buildkit(Fixtures.Buildx0361), Is.EqualTo(new Version(0, 32, 2)));
    }

    [Test]
    public void Buildx_0_36_takes_every_limit_by_its_own_flag()
    {
        var flags = PruneSpacePolicy.Choose(new PruneSpace("1GB", "20GB", "5GB"), Buildx(Fixtures.Buildx0361), [Buildkit(Fixtures.Buildx0361)]);

        Assert.That((flags.ReservedSpace, flags.KeepStorage, flags.MaxUsedSpace, flags.MinFreeSpace), Is.EqualTo(("1GB", (string?)null, "20GB", "5GB")));
        Assert.That(flags.Notes, Is.Empty);
        Assert.That(flags.Refusal, Is.Null);
    }

    [Test]
    public void Buildx_0_10_takes_the_reserved_space_as_keep_storage()
    {
        var flags = PruneSpacePolicy.Choose(new PruneSpace(ReservedSpace: "10GB"), Buildx(Fixtures.Buildx0105), [Buildkit(Fixtures.Buildx0105)]);

        Assert.That((flags.ReservedSpace, flags.KeepStorage), Is.EqualTo(((string?)null, "10GB")));
        Assert.That(flags.Notes.Single(), Does.StartWith("--prune-reserved-space goes as --keep-storage: buildx v0.10.5 predates --reserved-space (0.18)"));
        Assert.That(flags.Refusal, Is.Null);
    }

    [TestCase(Fixtures.Buildx0105, "v0.32.2", "--prune-max-used-space needs buildx 0.18 or later for --max-used-space (this is v0.10.5)")]
    [TestCase(Fixtures.Buildx0361, "v0.16.0", "--prune-max-used-space needs BuildKit 0.17 or later for --max-used-space (the builder runs 0.16)")]
    [TestCase(Fixtures.Buildx0361, "v0.17.0-rc1", null)]
    [TestCase(Fixtures.Buildx0361, null, null)]
    public void A_max_limit_this_buildx_or_buildkit_cannot_honour_refuses_the_prune(string buildx, string? buildkit, string? why)
    {
        var node = new BuilderNode("n0") { BuildkitVersion = buildkit };

        var flags = PruneSpacePolicy.Choose(new PruneSpace("1GB", MaxUsedSpace: "20GB"), Buildx(buildx), [node.BuildkitVersionNumber]);

        Assert.That(flags.Refusal, why is null ? Is.Null : Does.StartWith(why + ": the builder is not pruned, since a prune without the limit would remove more than asked"));
    }

    [Test]
    public void One_node_on_an_old_buildkit_is_enough_to_refuse()
    {
        var flags = PruneSpacePolicy.Choose(new PruneSpace(MinFreeSpace: "5GB"), Buildx(Fixtures.Buildx0361), [new Version(0, 32, 2), null, new Version(0, 12, 5)]);

        Assert.That(flags.Refusal, Does.StartWith("--prune-min-free-space needs BuildKit 0.17 or later for --min-free-space (the builder runs 0.12.5)"));
    }

    [Test]
    public void Before_the_version_is_known_the_current_flags_are_planned()
    {
        var flags = PruneSpacePolicy.Choose(new PruneSpace("1GB", "20GB"), null, []);

        Assert.That((flags.ReservedSpace, flags.KeepStorage, flags.MaxUsedSpace), Is.EqualTo(("1GB", (string?)null, "20GB")));
        Assert.That(flags.Refusal, Is.Null);
        Assert.That(PruneSpacePolicy.PlanNote(new PruneSpace("1GB", "20GB")), Is.EqualTo(
            "--keep-storage before buildx 0.18; not pruned with buildx before 0.18 or BuildKit before 0.17 (--max-used-space, --min-free-space)"));
        Assert.That(PruneSpacePolicy.PlanNote(PruneSpace.None), Is.Null);
    }

    [Test]
    public void The_gates_are_the_versions_of_the_buildx_and_buildkit_sources()
    {
        // buildx v0.18.0 (64c5139a, 9f3a5781) added the three flags and the check; BuildKit v0.17.0 (a75b5eb1) the capability.
        Assert.That(BuildxPruneFlags.ReservedSpace.BuildxSince, Is.EqualTo(new Version(0, 18, 0)));
        Assert.That(BuildxPruneFlags.ReservedSpace.Before, Is.SameAs(BuildxPruneFlags.KeepStorage));
        Assert.That((BuildxPruneFlags.MaxUsedSpace.BuildxSince, BuildxPruneFlags.MaxUsedSpace.BuildkitSince), Is.EqualTo((new Version(0, 18, 0), new Version(0, 17, 0))));
        Assert.That((BuildxPruneFlags.MinFreeSpace.BuildxSince, BuildxPruneFlags.MinFreeSpace.BuildkitSince), Is.EqualTo((new Version(0, 18, 0), new Version(0, 17, 0))));
        Assert.That(BuildxPruneFlags.SaysBuildkitTooOld("ERROR: buildkit v0.17.0+ is required for max-used-space and min-free-space filters"), Is.True);
    }

    [Test]
    public void The_captured_prune_help_lists_exactly_the_flags_each_version_is_said_to_have()
    {
        var old = Fixtures.Text("buildx-prune-help.txt", Fixtures.Buildx0105);
        var current = Fixtures.Text("buildx-prune-help.txt", Fixtures.Buildx0361);

        Assert.That(old, Does.Contain("--keep-storage").And.Not.Contain("--reserved-space").And.Not.Contain("--max-used-space"));
        // 0.36 hides the deprecated --keep-storage from its help, and says so when it is used.
        Assert.That(current, Does.Contain("--reserved-space").And.Contain("--max-used-space").And.Contain("--min-free-space").And.Not.Contain("--keep-storage"));
        Assert.That(Fixtures.Text("buildx-prune-keep-storage.txt", Fixtures.Buildx0361), Does.Contain("keep-storage flag has been changed to reserved-space"));
    }
}
