using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class LocalScenarioTests
{
    private static readonly Dictionary<string, string> NoCi = [];

    [Test]
    public void Branch_with_origin_HEAD()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.AddOrigin("https://dev:glpat-SECRET@gitlab.example.com/group/app.git", "main", setOriginHead: true);
        repository.Git("checkout", "-q", "-b", "Feature/Local_Work");
        var sha = repository.Commit("second");

        var resolution = Resolve(repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "Feature/Local_Work", Slug: "feature-local-work", Sha: sha, ShortSha: sha[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: "https://gitlab.example.com/group/app"));
        Assert.That(resolution.Notes, Is.Empty);
        Assert.That(resolution.Refs.ToString(), Does.Not.Contain("SECRET"));
    }

    [Test]
    public void Default_branch_follows_origin_HEAD_wherever_it_points()
    {
        using var repository = GitRepository.Init("develop");
        var sha = repository.Commit("first");
        repository.AddOrigin("git@github.com:octo/app.git", "develop", setOriginHead: true);

        var resolution = Resolve(repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "develop", Slug: "develop", Sha: sha, ShortSha: sha[..8], DefaultBranch: "develop", TargetBranch: null, IsFork: false, SourceUrl: "https://github.com/octo/app"));
        Assert.That(resolution.Refs.IsDefaultBranch, Is.True);
    }

    [Test]
    public void Branch_without_origin_HEAD_assumes_main_and_says_so()
    {
        using var repository = GitRepository.Init("trunk");
        var sha = repository.Commit("first");
        repository.AddOrigin("ssh://git@gitlab.example.com:2222/group/sub/app.git", "trunk", setOriginHead: false);

        var resolution = Resolve(repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "trunk", Slug: "trunk", Sha: sha, ShortSha: sha[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: "https://gitlab.example.com/group/sub/app"));
        Assert.That(resolution.Notes, Has.One.Contains("origin/HEAD"));
    }

    [Test]
    public void Branch_without_any_remote_has_no_source_url()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("first");

        var resolution = Resolve(repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "main", Slug: "main", Sha: sha, ShortSha: sha[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: null));
    }

    [Test]
    public void Detached_HEAD_is_named_by_its_short_sha()
    {
        using var repository = GitRepository.Init("main");
        var first = repository.Commit("first");
        repository.Commit("second");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "main", setOriginHead: true);
        repository.Git("checkout", "-q", "--detach", first);

        var resolution = Resolve(repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Detached, RefName: first[..8], Slug: first[..8], Sha: first, ShortSha: first[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: "https://gitlab.example.com/group/app"));
    }

    [Test]
    public void Detached_HEAD_on_a_tag_is_that_tag()
    {
        using var repository = GitRepository.Init("main");
        var tagged = repository.Commit("release");
        repository.Git("-c", "user.name=Test Author", "-c", "user.email=test@example.invalid", "tag", "-a", "v1.4.0", "-m", "release 1.4.0");
        repository.Git("tag", "v1.4.0-rc1"); // a lightweight tag on the same commit: the ordinally first wins
        repository.Commit("after the release");
        repository.Git("checkout", "-q", "v1.4.0");

        var resolution = Resolve(repository.Path);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Tag, RefName: "v1.4.0", Slug: "v1-4-0", Sha: tagged, ShortSha: tagged[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: null));
        Assert.That(resolution.Notes, Has.One.Contains("several tags"));
    }

    [Test]
    public void A_branch_on_a_tagged_commit_stays_a_branch()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("release");
        repository.Git("tag", "v1.0.0");

        var refs = Resolve(repository.Path).Refs;

        Assert.That((refs.Kind, refs.RefName, refs.Sha), Is.EqualTo((RefKind.Branch, "main", sha)));
    }

    [Test]
    public void A_subdirectory_of_the_working_tree_finds_the_repository()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("first");
        var nested = Directory.CreateDirectory(System.IO.Path.Combine(repository.Path, "src", "app")).FullName;

        var refs = Resolve(nested).Refs;

        Assert.That((refs.RefName, refs.Sha), Is.EqualTo(("main", sha)));
    }

    [Test]
    public void Not_a_git_repository_is_a_clear_error_naming_the_overrides()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<CakeException>(() => Resolve(directory.Path));

        Assert.That(error!.Message, Does.Contain("not inside a git repository").And.Contain("--sha").And.Contain("--branch").And.Contain(directory.Path));
    }

    [Test]
    public void Not_a_git_repository_resolves_from_the_overrides_alone()
    {
        using var directory = new TemporaryDirectory();
        const string sha = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";

        var resolution = Resolve(directory.Path, new RefOverrides("feature/offline", sha, "develop"));

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "feature/offline", Slug: "feature-offline", Sha: sha.ToLowerInvariant(), ShortSha: "abcdef01", DefaultBranch: "develop", TargetBranch: null, IsFork: false, SourceUrl: null));
        Assert.That(resolution.Notes, Has.One.Contains("not inside a git repository"));
    }

    [Test]
    public void A_repository_without_commits_needs_a_sha()
    {
        using var repository = GitRepository.Init("main");

        var error = Assert.Throws<CakeException>(() => Resolve(repository.Path));

        Assert.That(error!.Message, Does.Contain("no commits yet").And.Contain("--sha"));
    }

    [Test]
    public void A_repository_without_commits_keeps_its_branch_when_the_sha_is_given()
    {
        using var repository = GitRepository.Init("trunk");
        repository.Git("remote", "add", "origin", "https://gitlab.example.com/group/app.git");
        const string sha = "1234567890abcdef1234567890abcdef12345678";

        var resolution = Resolve(repository.Path, new RefOverrides(Branch: null, Sha: sha, DefaultBranch: null));

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "trunk", Slug: "trunk", Sha: sha, ShortSha: "12345678", DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: "https://gitlab.example.com/group/app"));
        Assert.That(resolution.Notes, Has.One.Contains("no commits yet"));
        Assert.That(resolution.Notes, Has.One.Contains("origin/HEAD"));
    }

    [Test]
    public void A_linked_worktree_reads_its_own_branch()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "main", setOriginHead: true);
        using var elsewhere = new TemporaryDirectory();
        var worktree = System.IO.Path.Combine(elsewhere.Path, "side");
        repository.Git("worktree", "add", "-q", "-b", "side", worktree);
        repository.Git("-C", worktree, "-c", "user.name=Test Author", "-c", "user.email=test@example.invalid", "commit", "-q", "--allow-empty", "-m", "on the side");
        var sha = repository.Git("-C", worktree, "rev-parse", "HEAD");

        var resolution = Resolve(worktree);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "side", Slug: "side", Sha: sha, ShortSha: sha[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: "https://gitlab.example.com/group/app"));
    }

    [Test]
    public void An_origin_HEAD_whose_branch_is_gone_counts_as_unset()
    {
        // What `git fetch --prune` leaves after the remote renamed its default branch.
        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "master", setOriginHead: true);
        repository.Git("update-ref", "-d", "refs/remotes/origin/master");

        var resolution = Resolve(repository.Path);

        Assert.That(resolution.Refs.DefaultBranch, Is.EqualTo("main"));
        Assert.That(resolution.Notes, Has.One.Contains("git remote set-head origin --auto"));
    }

    [Test]
    public void Overrides_win_over_the_repository()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "main", setOriginHead: true);
        const string sha = "1234567890abcdef1234567890abcdef12345678";

        var resolution = Resolve(repository.Path, new RefOverrides(Branch: "release/9", Sha: sha, DefaultBranch: "stable"));

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "release/9", Slug: "release-9", Sha: sha, ShortSha: "12345678", DefaultBranch: "stable", TargetBranch: null, IsFork: false, SourceUrl: "https://gitlab.example.com/group/app"));
    }

    private static GitRefResolution Resolve(string workingDirectory, RefOverrides? overrides = null) =>
        new GitRefResolver(FakeEnvironment.With(NoCi, workingDirectory), new FileSystem(), CakeProcesses.Git()).Resolve(overrides ?? RefOverrides.None);
}
