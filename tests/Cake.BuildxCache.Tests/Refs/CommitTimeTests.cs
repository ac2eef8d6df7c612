using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Tasks.Support;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>The commit time in the refs: GitLab's CI_COMMIT_TIMESTAMP, else git, else unknown with a note.</summary>
public sealed class CommitTimeTests
{
    private static GitRefResolution Resolve(Dictionary<string, string> variables, string directory, RefOverrides? overrides = null) =>
        new GitRefResolver(FakeEnvironment.With(variables, directory), new FileSystem(), CakeProcesses.Git()).Resolve(overrides ?? RefOverrides.None);

    [Test]
    public void GitLab_names_the_commit_time_in_CI_COMMIT_TIMESTAMP()
    {
        using var directory = new Support.TemporaryDirectory();
        var job = Jobs.With(Jobs.GitLabDefaultBranch(), ("CI_COMMIT_TIMESTAMP", "2024-01-02T08:30:00+01:00"));

        var refs = Resolve(job, directory.Path).Refs;

        Assert.That((refs.CommitTime, refs.CommitTimeSource), Is.EqualTo(((DateTimeOffset?)new DateTimeOffset(2024, 1, 2, 7, 30, 0, TimeSpan.Zero), "CI_COMMIT_TIMESTAMP")));
    }

    [Test]
    public void Elsewhere_git_show_reads_the_committer_date()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("one");

        var refs = Resolve(new Dictionary<string, string>(), repository.Path).Refs;

        Assert.That(refs.Sha, Is.EqualTo(sha));
        Assert.That((refs.CommitTime, refs.CommitTimeSource), Is.EqualTo(((DateTimeOffset?)new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "git")));
    }

    [Test]
    public void A_sha_given_with_sha_is_timed_by_git_not_by_the_job_variable()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("one");
        var job = Jobs.With(Jobs.GitLabDefaultBranch(), ("CI_COMMIT_TIMESTAMP", "2030-01-01T00:00:00Z"));

        var refs = Resolve(job, repository.Path, new RefOverrides(Sha: sha)).Refs;

        Assert.That((refs.CommitTime, refs.CommitTimeSource), Is.EqualTo(((DateTimeOffset?)new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "git")));
    }

    [Test]
    public void A_commit_git_does_not_have_leaves_the_time_unknown_with_a_note()
    {
        // A shallow clone without the commit is the same to git show: no such object.
        using var repository = GitRepository.Init("main");
        repository.Commit("one");
        var job = Jobs.GitLabDefaultBranch();

        var resolution = Resolve(job, repository.Path);

        Assert.That(resolution.Refs.CommitTime, Is.Null);
        Assert.That(resolution.Refs.CommitTimeNote, Does.StartWith($"git show found no commit {Jobs.ShortSha} (a shallow clone without it?)"));
        Assert.That(resolution.Notes, Is.Empty, "not a problem of the refs: the plan's image time says it");
    }

    [TestCase("2024-01-02T08:30:00+01:00", "2024-01-02T07:30:00Z")]
    [TestCase("2024-01-02T07:30:00Z", "2024-01-02T07:30:00Z")]
    [TestCase("yesterday", null)]
    public void CI_COMMIT_TIMESTAMP_is_ISO_8601(string text, string? expected) =>
        Assert.That(CommitTimeReader.ParseIso(text)?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));

    [TestCase("1704067200", 1704067200L)]
    [TestCase(" 1704067200\n", 1704067200L)]
    [TestCase("-1", null)]
    [TestCase("abc", null)]
    public void Git_prints_Unix_seconds(string text, long? expected) =>
        Assert.That(CommitTimeReader.ParseUnixSeconds(text)?.ToUnixTimeSeconds(), Is.EqualTo(expected));
}
