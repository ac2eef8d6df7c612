using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>
/// The branch a merge commit merged, read from real git repositories: the subject git, GitLab and GitHub write, else a
/// branch at the second parent; nothing for a commit that is not a merge, nor for a detached HEAD.
/// </summary>
[NonParallelizable]
public sealed class MergedBranchTests
{
    [TestCase("Merge branch 'feature/deps' into 'main'", "feature/deps")]
    [TestCase("Merge branch 'feature/deps'", "feature/deps")]
    [TestCase("Merge branch 'feature/deps' of https://gitlab.example.com/group/app into main", "feature/deps")]
    [TestCase("Merge remote-tracking branch 'origin/feature/deps'", "feature/deps")]
    [TestCase("Merge pull request #12 from octo/feature/deps", "feature/deps")]
    [TestCase("Merge tag 'v1.2'", null)]
    [TestCase("Update the dependencies", null)]
    public void The_subject_names_the_merged_branch(string subject, string? expected) =>
        Assert.That(MergedBranchReader.FromSubject(subject), Is.EqualTo(expected));

    [Test]
    public void A_merge_commit_names_the_branch_of_its_second_parent()
    {
        using var repository = Merged("Merge branch 'feature/deps' into 'main'", keepBranch: false);

        Assert.That(Read(repository, "main").MergedBranch, Is.EqualTo("feature/deps"));
    }

    [Test]
    public void A_merge_whose_subject_names_no_branch_takes_the_branch_at_the_second_parent()
    {
        using var repository = Merged("Bring the dependency bump in", keepBranch: true);

        Assert.That(Read(repository, "main").MergedBranch, Is.EqualTo("feature/deps"));
    }

    [Test]
    public void A_commit_that_is_no_merge_names_none()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("Merge branch 'feature/deps' into 'main'");

        Assert.That(Read(repository, "main").MergedBranch, Is.Null);
    }

    [Test]
    public void A_detached_HEAD_is_not_read()
    {
        using var repository = Merged("Merge branch 'feature/deps' into 'main'", keepBranch: true);
        var git = new CountingGit();
        var refs = Refs(repository, "main") with { Kind = RefKind.Detached };

        Assert.That(new MergedBranchReader(git.Git()).Read(refs, repository.Path).MergedBranch, Is.Null);
        Assert.That(git.Commands, Is.Empty);
    }

    private static GitRepository Merged(string subject, bool keepBranch)
    {
        var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.Git("checkout", "-q", "-b", "feature/deps");
        repository.Commit("bump the dependencies");
        repository.Git("checkout", "-q", "main");
        repository.Commit("main moves on");
        repository.Git("-c", "user.name=Test Author", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
            "merge", "-q", "--no-ff", "-m", subject, "feature/deps");
        if (!keepBranch)
        {
            repository.Git("branch", "-q", "-D", "feature/deps");
        }

        return repository;
    }

    private static GitRefInfo Read(GitRepository repository, string branch) =>
        new MergedBranchReader(new CountingGit().Git()).Read(Refs(repository, branch), repository.Path);

    private static GitRefInfo Refs(GitRepository repository, string branch)
    {
        var sha = repository.Git("rev-parse", "HEAD");
        return new GitRefInfo(CiProvider.GitLabCI, RefKind.Branch, branch, RefSlug.From(branch), sha, sha[..8], "main", null, false, null);
    }
}
