using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>Which cache mounts a build carries, where their images live and when a content is pushed.</summary>
public sealed class CacheMountPolicyTests
{
    private static readonly CacheMountDeclaration Nuget = new("nuget", "/root/.nuget/packages", "locked", "1000", null, null, "build", 4, "registry.example.com/base/sdk:10", [4, 6]);

    // Carrying is opt-in (--cache-mounts defaults to none).
    private static readonly BuildxCacheOptions Carrying = CiOptions with { CacheMounts = "auto" };

    private static CacheMountOutline Outline(params CacheMountDeclaration[] mounts) => new(mounts, ["BASE=sdk"], []);

    private static CacheMountsPlan Decide(Cake.BuildxCache.Refs.GitRefInfo refs, BuildxCacheOptions? options = null, CacheMountOutline? outline = null)
    {
        options ??= Carrying;
        return CacheMountPolicy.Decide(BuildPlanner.Plan(refs, options, Created), options, outline ?? Outline(Nuget));
    }

    [Test]
    public void A_feature_branch_reads_its_own_then_mains_mount_image_and_writes_its_own()
    {
        var plan = Decide(GitLabBranch("feature/x"));

        var mount = plan.Mounts.Single();
        Assert.That(mount.From.Select(candidate => candidate.Ref), Is.EqualTo(new[] { Cache + ":feature-x.mount-nuget", Cache + ":main.mount-nuget" }));
        Assert.That(mount.WriteRef, Is.EqualTo(Cache + ":feature-x.mount-nuget"));
        Assert.That(plan.Compression, Is.EqualTo("zstd"));
        Assert.That(plan.MaxBytes, Is.EqualTo(1L << 30));
    }

    [Test]
    public void A_merge_request_from_a_fork_reads_but_writes_no_mount_image()
    {
        var plan = Decide(GitLabMergeRequest("patch-1", "main", fork: true));

        Assert.That(plan.Mounts.Single().WriteRef, Is.Null);
        Assert.That(plan.ReadOnlyReason, Does.Contain("fork"));
        Assert.That(plan.Mounts.Single().From.Select(candidate => candidate.Ref), Does.Contain(Cache + ":main.mount-nuget"));
    }

    [Test]
    public void A_read_only_cache_writes_no_mount_image()
    {
        var plan = Decide(GitLabBranch("main"), Carrying with { CacheReadOnly = true });

        Assert.That(plan.Mounts.Single().WriteRef, Is.Null);
    }

    [Test]
    public void None_carries_nothing_and_a_list_carries_only_its_ids()
    {
        Assert.That(Decide(GitLabBranch("main"), Carrying with { CacheMounts = "none" }).Mounts, Is.Empty);
        var npm = Nuget with { Id = "npm" };
        var listed = Decide(GitLabBranch("main"), Carrying with { CacheMounts = "npm,pip" }, Outline(Nuget, npm));
        Assert.That(listed.Mounts.Select(mount => mount.Mount.Id), Is.EqualTo(new[] { "npm" }));
        Assert.That(listed.Notes, Has.Some.Contains("'pip', which no RUN of the stages built mounts"));
    }

    [Test]
    public void A_stage_from_scratch_has_no_shell_for_the_helpers()
    {
        var plan = Decide(GitLabBranch("main"), outline: Outline(Nuget with { BaseImage = null }));

        Assert.That(plan.Mounts, Is.Empty);
        Assert.That(plan.Notes, Has.Some.Contains("starts from scratch"));
    }

    [Test]
    public void A_content_is_pushed_only_when_it_changed_and_fits_the_cap()
    {
        var plan = Decide(GitLabBranch("main"), Carrying with { CacheMountMaxSize = "1MB" });
        var mount = plan.Mounts.Single();
        var content = new CacheMountContent("sha256:" + new string('1', 64), 1000, 3);
        var same = CacheRecord.Of(Sha).With(CacheMountPolicy.ContentDigestField, content.Digest);
        var other = CacheRecord.Of(Sha).With(CacheMountPolicy.ContentDigestField, "sha256:" + new string('2', 64));

        Assert.That(CacheMountPolicy.Export(mount, plan, content, null), Is.EqualTo((true, "new content")));
        Assert.That(CacheMountPolicy.Export(mount, plan, content, other), Is.EqualTo((true, "content changed")));
        Assert.That(CacheMountPolicy.Export(mount, plan, content, same).Push, Is.False);
        var big = CacheMountPolicy.Export(mount, plan, content with { Bytes = 2 << 20 }, other);
        Assert.That(big.Push, Is.False);
        Assert.That(big.Why, Does.Contain("--cache-mount-max-size 1.0 MB"));
        Assert.That(CacheMountPolicy.Export(mount, plan, content with { Files = 0, Bytes = 0 }, null).Push, Is.False);
    }

    [Test]
    public void The_check_after_the_build_is_skipped_only_when_the_progress_shows_no_step_that_mounts_it_ran()
    {
        Assert.That(CacheMountPolicy.NoStepRan(Nuget, []), Does.StartWith("unchanged (no step that mounts it ran)"), "a build that ran nothing");
        Assert.That(CacheMountPolicy.NoStepRan(Nuget, [5, 9]), Is.Not.Null, "steps ran, none mounting the cache");
        Assert.That(CacheMountPolicy.NoStepRan(Nuget, [5, 6]), Is.Null, "the second RUN that mounts it ran");
        Assert.That(CacheMountPolicy.NoStepRan(Nuget, [4]), Is.Null, "the first RUN that mounts it ran");
        Assert.That(CacheMountPolicy.NoStepRan(Nuget, [5, null]), Is.Null, "a step the Dockerfile as read does not name may be one");
        Assert.That(CacheMountPolicy.NoStepRan(Nuget, null), Is.Null, "the build's steps are not known");
    }

    [Test]
    public void The_helpers_declare_the_same_mount_and_mount_nothing_else()
    {
        var plan = Decide(GitLabBranch("main"), Carrying with { BuildArgs = [new("BASE", "sdk"), new("TOKEN_FREE", "x")] });
        var mount = plan.Mounts.Single();

        var import = CacheMountHelpers.ImportDockerfile(plan, mount, Cache + "@sha256:" + new string('3', 64));
        var export = CacheMountHelpers.ExportDockerfile(plan, mount);

        Assert.That(import, Does.StartWith("ARG BASE=sdk\nFROM registry.example.com/base/sdk:10 AS buildx-cache-mount-import\n"));
        Assert.That(import, Does.Contain("RUN --mount=type=cache,id=nuget,target=/buildx-cache-mount,sharing=locked,uid=1000 --mount=type=bind,from=" + Cache + "@sha256:"));
        Assert.That(export, Does.Contain("RUN --mount=type=cache,id=nuget,target=/buildx-cache-mount,sharing=locked,uid=1000 mkdir"));
        Assert.That(import + export, Does.Not.Contain("type=secret").And.Not.Contain("type=ssh"));
        var settings = CacheMountHelpers.Export(plan, new Cake.Core.IO.DirectoryPath("/tmp/h"), mount.WriteRef!, "run-1");
        Assert.That(settings.BuildArgs.Keys, Is.EquivalentTo(new[] { "BASE", CacheMountHelpers.RunArg }), "only the arguments the global ARGs declare, and the run's value");
        Assert.That(settings.Outputs.Single(), Is.EqualTo($"type=image,name={Cache}:main.mount-nuget,push=true,oci-mediatypes=true,compression=zstd,force-compression=true"));
        Assert.That(settings.NoCacheFilter, Is.Empty, "--no-cache-filter would give the helper an empty cache mount");
    }

    [TestCase("nuget", "nuget")]
    [TestCase("/root/.nuget/packages", "root--nuget-packages-")]
    [TestCase("NuGet", "nuget-")]
    public void A_mount_id_becomes_a_tag_part_that_no_other_id_shares(string id, string start)
    {
        var part = CacheMountTag.Part(id);

        Assert.That(part, Does.StartWith(start));
        Assert.That(part == id || part.Length == start.Length + 8, Is.True, part);
        Assert.That(CacheMountTag.Part(id.ToUpperInvariant() + "x"), Is.Not.EqualTo(part));
        Assert.That(CacheMountTag.LayerTagOf("main-linux-386" + CacheScope.MountMarker + part), Is.EqualTo("main-linux-386"));
    }

    [Test]
    public void No_slug_or_scope_makes_a_mount_tag()
    {
        Assert.That(CacheMountTag.LayerTagOf("feature-mount-x"), Is.Null, "a branch named feature/mount-x");
        Assert.That(new CacheScope("a.mount-b", "from --cache-scope", true).Problem(string.Empty), Does.Contain(".mount-"));
    }

    [TestCase("auto", null)]
    [TestCase("none", null)]
    [TestCase("nuget,npm", null)]
    [TestCase("auto,nuget", "mixes")]
    [TestCase("nuget,,npm", "empty mount id")]
    [TestCase("id=nuget", "'='")]
    public void The_cache_mounts_option_is_checked(string value, string? problem)
    {
        var found = CacheMountSelection.Problem(value);

        Assert.That(found, problem is null ? Is.Null : Does.Contain(problem));
    }
}
