using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>Registry flavour presets and the cache-from existence decision.</summary>
[TestFixture]
public sealed class PresetAndCacheFromTests
{
    private const string Repo = Scenarios.Cache;
    private const string OtherCommit = "fedcba9876543210fedcba9876543210fedcba98";

    [TestCase("generic", null, null, "type=registry,ref=r/c:main,mode=max,ignore-error=true")]
    [TestCase("gitlab", null, true, "type=registry,ref=r/c:main,mode=max,ignore-error=true,oci-mediatypes=true")]
    [TestCase("ghcr", null, true, "type=registry,ref=r/c:main,mode=max,ignore-error=true,oci-mediatypes=true")]
    [TestCase("GitHub", null, true, "type=registry,ref=r/c:main,mode=max,ignore-error=true,oci-mediatypes=true")]
    [TestCase("ecr", true, true, "type=registry,ref=r/c:main,mode=max,ignore-error=true,image-manifest=true,oci-mediatypes=true")]
    [TestCase("harbor", true, true, "type=registry,ref=r/c:main,mode=max,ignore-error=true,image-manifest=true,oci-mediatypes=true")]
    public void Presets(string name, bool? imageManifest, bool? ociMediaTypes, string cacheTo)
    {
        Assert.That(RegistryFlavors.TryParse(name, out var flavor), Is.True);
        var preset = RegistryFlavors.Preset(flavor);
        var (spec, note) = RegistryFlavors.Apply(CacheSpec.Registry("r/c:main") with { Mode = "max", IgnoreError = true }, flavor);

        Assert.Multiple(() =>
        {
            Assert.That((preset.ImageManifest, preset.OciMediaTypes), Is.EqualTo((imageManifest, ociMediaTypes)));
            Assert.That(spec.ToString(), Is.EqualTo(cacheTo));
            Assert.That(preset.Why, Is.Not.Empty);
            Assert.That(note, flavor == RegistryFlavor.Generic ? Is.Null : Does.StartWith($"registry flavor {RegistryFlavors.Names[(int)flavor]}: "));
        });
    }

    [Test]
    public void What_the_user_set_wins_over_the_preset()
    {
        var (spec, note) = RegistryFlavors.Apply(CacheSpec.Registry("r/c:main") with { ImageManifest = false }, RegistryFlavor.Ecr);

        Assert.That(spec.ToString(), Is.EqualTo("type=registry,ref=r/c:main,image-manifest=false,oci-mediatypes=true"));
        Assert.That(note, Does.StartWith("registry flavor ecr: oci-mediatypes=true (").And.Not.Contain("image-manifest="));
    }

    [TestCase("quay.io")]
    [TestCase("")]
    [TestCase("harbor-ish")]
    public void Unknown_flavour_names_are_refused(string name) => Assert.That(RegistryFlavors.TryParse(name, out _), Is.False);

    [TestCase("ghcr.io", null, RegistryFlavor.Ghcr)]
    [TestCase("123456789012.dkr.ecr.eu-west-1.amazonaws.com", null, RegistryFlavor.Ecr)]
    [TestCase("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", null, RegistryFlavor.Ecr)]
    [TestCase("registry.gitlab.com", null, RegistryFlavor.GitLab)]
    [TestCase("gitlab.example.com:5050", "gitlab.example.com:5050", RegistryFlavor.GitLab)]
    [TestCase("harbor.example.com", null, RegistryFlavor.Generic)]
    [TestCase("docker.io", null, RegistryFlavor.Generic)]
    public void Detection_by_host(string host, string? gitLabRegistry, RegistryFlavor flavor) =>
        Assert.That(RegistryFlavors.Detect(host, gitLabRegistry), Is.EqualTo(flavor));

    [Test]
    public void The_plan_carries_the_cache_from_chain_with_each_refs_role()
    {
        var plan = BuildPlanner.Plan(Scenarios.GitLabMergeRequest("feature/x", "develop"), Scenarios.CiOptions, Scenarios.Created);

        var candidates = plan.CacheFromChain;

        Assert.That(candidates.Select(candidate => (candidate.Ref, candidate.Role, candidate.RefName)), Is.EqualTo(new[]
        {
            (Repo + ":feature-x", CacheFromRole.Own, (string?)"feature/x"),
            (Repo + ":develop", CacheFromRole.MergeRequestTarget, "develop"),
            (Repo + ":main", CacheFromRole.DefaultBranch, "main"),
        }));
        Assert.That(candidates.Select(candidate => candidate.Spec), Is.EqualTo(plan.CacheFrom), "the specs the plan passes are the chain's");
    }

    private static IReadOnlyList<CacheFromCandidate> Chain(bool withTarget = false)
    {
        var refs = withTarget ? Scenarios.GitLabMergeRequest("feature/x", "develop") : Scenarios.GitLabBranch("feature/x");
        return BuildPlanner.Plan(refs, Scenarios.CiOptions, Scenarios.Created).CacheFromChain;
    }

    private static CacheRefCheck Check(string tag, CacheRefStatus status, string? detail = null) => new(Repo + ":" + tag, status, detail);

    [Test]
    public void A_missing_branch_ref_is_dropped_and_main_is_used()
    {
        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Missing), Check("main", CacheRefStatus.Exists)]);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":main" }));
        Assert.That(selection.Log, Is.EqualTo(new[]
        {
            $"cache: branch ref {Repo}:feature-x missing, using main's",
            $"cache: main's ref {Repo}:main found, using it",
        }));
        Assert.That(selection.HasWarnings, Is.False);
    }

    [Test]
    public void Only_the_first_existing_ref_is_read()
    {
        var selection = CacheFromPolicy.Select(Chain(withTarget: true), [Check("feature-x", CacheRefStatus.Exists), Check("develop", CacheRefStatus.Exists), Check("main", CacheRefStatus.Exists)]);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":feature-x" }));
        Assert.That(selection.Log, Is.EqualTo(new[]
        {
            $"cache: branch ref {Repo}:feature-x found",
            $"cache: merge request target develop's ref {Repo}:develop found, not read: the branch's is read alone",
            $"cache: main's ref {Repo}:main found, not read: the branch's is read alone",
        }));
    }

    [Test]
    public void A_missing_branch_ref_reads_the_target_alone()
    {
        var selection = CacheFromPolicy.Select(Chain(withTarget: true), [Check("feature-x", CacheRefStatus.Missing), Check("develop", CacheRefStatus.Exists), Check("main", CacheRefStatus.Exists)]);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":develop" }));
    }

    [Test]
    public void An_unchecked_ref_before_the_first_existing_one_is_passed_with_it()
    {
        var selection = CacheFromPolicy.Select(Chain(withTarget: true), [Check("feature-x", CacheRefStatus.Unknown, "403 Forbidden"), Check("develop", CacheRefStatus.Exists), Check("main", CacheRefStatus.Exists)]);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":feature-x", Repo + ":develop" }));
        Assert.That(selection.HasWarnings, Is.True);
    }

    [TestCase(null, "feature-deps")]
    [TestCase(OtherCommit, "feature-deps")]
    [TestCase(Scenarios.Sha, "main")]
    public void A_merge_commit_reads_the_merged_branch_unless_its_own_ref_was_written_by_it(string? ownWrittenBy, string expected)
    {
        var plan = BuildPlanner.Plan(Scenarios.GitLabBranch("main") with { MergedBranch = "feature/deps" }, Scenarios.CiOptions, Scenarios.Created);
        var records = ownWrittenBy is null ? null : new Dictionary<string, CacheRecord> { [Repo + ":main"] = CacheRecord.Of(ownWrittenBy) };

        var selection = CacheFromPolicy.Select(plan.CacheFromChain, [Check("main", CacheRefStatus.Exists), Check("feature-deps", CacheRefStatus.Exists)], records, Scenarios.Sha);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":" + expected }));
        Assert.That(selection.Log[0], expected == "main" ? Does.StartWith($"cache: branch ref {Repo}:main found") : Is.EqualTo("cache: a merge commit of feature/deps: its ref is tried before the branch's own, which this commit has not written"));
    }

    [Test]
    public void A_merge_commit_whose_merged_branch_has_no_ref_reads_its_own()
    {
        var plan = BuildPlanner.Plan(Scenarios.GitLabBranch("main") with { MergedBranch = "feature/deps" }, Scenarios.CiOptions, Scenarios.Created);

        var selection = CacheFromPolicy.Select(plan.CacheFromChain, [Check("main", CacheRefStatus.Exists), Check("feature-deps", CacheRefStatus.Missing)], null, Scenarios.Sha);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":main" }));
    }

    [Test]
    public void A_ref_written_by_a_commit_that_is_not_an_ancestor_is_skipped_for_the_next()
    {
        // A branch rebased onto main: its ref was written before the rebase, by a commit no longer in its history.
        var records = new Dictionary<string, CacheRecord> { [Repo + ":feature-x"] = CacheRecord.Of(OtherCommit) };
        var ancestry = new Dictionary<string, AncestryFacts> { [OtherCommit] = new(Ancestry.NotAncestor, Ancestry.NotAncestor, null) };

        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Exists), Check("main", CacheRefStatus.Exists)], records, Scenarios.Sha, ancestry);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":main" }));
        Assert.That(selection.Log, Is.EqualTo(new[]
        {
            $"cache: branch ref {Repo}:feature-x found, not read: it was written by fedcba98, which is not an ancestor of this commit (a rebase?); using main's",
            $"cache: main's ref {Repo}:main found, using it",
        }));
        Assert.That(selection.HasWarnings, Is.False);
    }

    [TestCase(nameof(Ancestry.Ancestor), true)]
    [TestCase(nameof(Ancestry.Unknown), true)]
    [TestCase(nameof(Ancestry.NotAncestor), false)]
    public void A_ref_is_read_unless_its_commit_is_proven_not_an_ancestor(string answer, bool ownRead)
    {
        var heldBeforeOurs = Enum.Parse<Ancestry>(answer);
        var records = new Dictionary<string, CacheRecord> { [Repo + ":feature-x"] = CacheRecord.Of(OtherCommit) };
        var ancestry = new Dictionary<string, AncestryFacts> { [OtherCommit] = new(heldBeforeOurs, Ancestry.Unknown, heldBeforeOurs == Ancestry.Unknown ? "the clone is shallow" : null) };

        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Exists), Check("main", CacheRefStatus.Exists)], records, Scenarios.Sha, ancestry);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + (ownRead ? ":feature-x" : ":main") }));
    }

    [Test]
    public void A_ref_without_a_record_or_without_ancestry_facts_is_read()
    {
        var checks = new[] { Check("feature-x", CacheRefStatus.Exists), Check("main", CacheRefStatus.Exists) };
        var records = new Dictionary<string, CacheRecord> { [Repo + ":feature-x"] = CacheRecord.Of(OtherCommit) };
        var ancestry = new Dictionary<string, AncestryFacts> { [OtherCommit] = new(Ancestry.NotAncestor, Ancestry.NotAncestor, null) };

        Assert.That(CacheFromPolicy.Select(Chain(), checks, null, Scenarios.Sha, ancestry).From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":feature-x" }), "no record");
        Assert.That(CacheFromPolicy.Select(Chain(), checks, records, Scenarios.Sha, null).From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":feature-x" }), "no facts");
    }

    [Test]
    public void A_ref_proven_foreign_is_still_read_when_no_other_ref_exists()
    {
        // Some of its steps (the base image, the tools) may still match: better than a cold build.
        var records = new Dictionary<string, CacheRecord> { [Repo + ":feature-x"] = CacheRecord.Of(OtherCommit) };
        var ancestry = new Dictionary<string, AncestryFacts> { [OtherCommit] = new(Ancestry.NotAncestor, Ancestry.NotAncestor, null) };

        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Exists), Check("main", CacheRefStatus.Missing)], records, Scenarios.Sha, ancestry);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":feature-x" }));
        Assert.That(selection.Log[0], Is.EqualTo($"cache: branch ref {Repo}:feature-x found, written by fedcba98, which is not an ancestor of this commit; read as no other ref exists"));
    }

    [Test]
    public void A_missing_target_says_it_falls_back_to_main()
    {
        var selection = CacheFromPolicy.Select(Chain(withTarget: true), [Check("feature-x", CacheRefStatus.Missing), Check("develop", CacheRefStatus.Missing), Check("main", CacheRefStatus.Exists)]);

        Assert.That(selection.Log[0], Is.EqualTo($"cache: branch ref {Repo}:feature-x missing, using main's"));
        Assert.That(selection.Log[1], Is.EqualTo($"cache: merge request target develop's ref {Repo}:develop missing, using main's"));
    }

    [Test]
    public void Nothing_existing_means_a_cold_start_and_no_cache_from()
    {
        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Missing), Check("main", CacheRefStatus.Missing)]);

        Assert.That(selection.From, Is.Empty);
        Assert.That(selection.Log[^1], Is.EqualTo("cache: no cache ref exists yet; this build starts cold"));
    }

    [Test]
    public void An_unreachable_registry_warns_once_and_keeps_every_ref()
    {
        const string why = "could not reach registry.example.com (https://registry.example.com) after 3 attempts: Connection refused";
        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Unknown, why), Check("main", CacheRefStatus.Unknown, why)]);

        Assert.That(selection.From, Has.Count.EqualTo(2));
        Assert.That(selection.HasWarnings, Is.True);
        Assert.That(selection.Log, Is.EqualTo(new[] { $"cache: could not check the cache refs ({why}); passing all 2 and going on" }));
    }

    [Test]
    public void One_unknown_ref_is_kept_with_a_warning_while_a_missing_one_goes()
    {
        var selection = CacheFromPolicy.Select(Chain(), [Check("feature-x", CacheRefStatus.Missing), Check("main", CacheRefStatus.Unknown, "403 Forbidden")]);

        Assert.That(selection.From.Select(spec => spec.Ref), Is.EqualTo(new[] { Repo + ":main" }));
        Assert.That(selection.HasWarnings, Is.True);
        Assert.That(selection.Log, Is.EqualTo(new[]
        {
            $"cache: branch ref {Repo}:feature-x missing, using main's (unchecked)",
            $"cache: could not check main's ref {Repo}:main (403 Forbidden); passing it anyway",
        }));
    }

    [Test]
    public void Non_registry_specs_are_always_kept()
    {
        var local = new CacheFromCandidate(new CacheSpec("local") { Extra = [new("src", "/tmp/cache")] }, CacheFromRole.Other, null);
        var selection = CacheFromPolicy.Select([.. Chain(), local], [Check("feature-x", CacheRefStatus.Missing), Check("main", CacheRefStatus.Missing)]);

        Assert.That(selection.From.Select(spec => spec.Type), Is.EqualTo(new[] { "local" }));
    }
}
