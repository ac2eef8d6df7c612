using Cake.BuildxCache.Refs;

using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class RefOverridesTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private static readonly GitRefInfo Tag =
        new(CiProvider.GitLabCI, RefKind.Tag, "v1.0.0", "v1-0-0", Sha, "01234567", "main", null, false, "https://gitlab.example.com/g/a");

    private static readonly GitRefInfo Detached =
        new(CiProvider.None, RefKind.Detached, "01234567", "01234567", Sha, "01234567", "main", null, false, null);

    private static readonly GitRefInfo MergeRequest =
        new(CiProvider.GitHubActions, RefKind.Branch, "feature/a", "feature-a", Sha, "01234567", "main", "develop", true, "https://github.com/o/a");

    [Test]
    public void None_changes_nothing()
    {
        AssertRefs.AreEqual(RefOverrides.None.ApplyTo(Tag), Tag);
    }

    [Test]
    public void Blank_values_count_as_not_given()
    {
        AssertRefs.AreEqual(new RefOverrides(" ", "", "\t").ApplyTo(MergeRequest), MergeRequest);
    }

    [Test]
    public void A_branch_turns_a_tag_into_that_branch_with_its_computed_slug()
    {
        AssertRefs.AreEqual(
            new RefOverrides(Branch: " Release/2.0 ").ApplyTo(Tag),
            Tag with { Kind = RefKind.Branch, RefName = "Release/2.0", Slug = "release-2-0" });
    }

    [Test]
    public void A_branch_keeps_the_merge_request_context()
    {
        AssertRefs.AreEqual(
            new RefOverrides(Branch: "feature/b").ApplyTo(MergeRequest),
            MergeRequest with { RefName = "feature/b", Slug = "feature-b" });
    }

    [Test]
    public void A_sha_on_a_detached_head_renames_it()
    {
        AssertRefs.AreEqual(
            new RefOverrides(Sha: "FEDCBA9876543210FEDCBA9876543210FEDCBA98").ApplyTo(Detached),
            Detached with { Sha = "fedcba9876543210fedcba9876543210fedcba98", ShortSha = "fedcba98", RefName = "fedcba98", Slug = "fedcba98" });
    }

    [Test]
    public void A_sha_on_a_branch_keeps_the_branch()
    {
        AssertRefs.AreEqual(
            new RefOverrides(Sha: "abc1234").ApplyTo(MergeRequest),
            MergeRequest with { Sha = "abc1234", ShortSha = "abc1234" });
    }

    [Test]
    public void A_default_branch_replaces_the_detected_one()
    {
        AssertRefs.AreEqual(new RefOverrides(DefaultBranch: "stable").ApplyTo(Tag), Tag with { DefaultBranch = "stable" });
    }

    [TestCase("not-a-sha")]
    [TestCase("abc")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public void A_sha_that_is_not_hex_is_refused(string sha)
    {
        var error = Assert.Throws<ArgumentException>(() => new RefOverrides(Sha: sha).ApplyTo(Tag));

        Assert.That(error!.Message, Does.Contain("--sha"));
    }

    [Test]
    public void The_resolver_reports_a_bad_sha_as_a_build_error()
    {
        using var directory = new TemporaryDirectory();
        var environment = FakeEnvironment.With(new Dictionary<string, string>(), directory.Path);

        var error = Assert.Throws<Cake.Core.CakeException>(
            () => new GitRefResolver(environment, new Cake.Core.IO.FileSystem(), CakeProcesses.Git()).Resolve(new RefOverrides(Sha: "xyz")));

        Assert.That(error!.Message, Does.Contain("--sha 'xyz'"));
    }
}
