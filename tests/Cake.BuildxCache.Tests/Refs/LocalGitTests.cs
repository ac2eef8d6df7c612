using System.Globalization;
using Cake.BuildxCache.Refs;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>
/// The git CLI under the local reader, run through Cake's real process runner: how many processes a read
/// takes, what a missing git or a repository git refuses says, and what git is shielded from (the user's
/// GIT_DIR) or kept from saying (credentials, in Cake's log).
/// </summary>
[NonParallelizable]
public sealed class LocalGitTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly Dictionary<string, string> NoCi = [];

    [Test]
    public void A_branch_is_read_with_four_git_processes_and_a_detached_HEAD_with_four()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("first");
        repository.AddOrigin("https://gitlab.example.com/group/app.git", "main", setOriginHead: true);
        var branch = new CountingGit();

        Resolve(repository.Path, branch.Git());
        repository.Git("checkout", "-q", "--detach", sha);
        var detached = new CountingGit();
        Resolve(repository.Path, detached.Git());

        // Then git show for the commit time (the image's time with --reproducible), and on a branch git show for the
        // commit's parents (a merge commit's merged branch); a detached HEAD has no branch to merge into.
        Assert.That(branch.Commands, Has.Count.EqualTo(4), string.Join("\n", branch.Commands));
        Assert.That(detached.Commands, Has.Count.EqualTo(4), string.Join("\n", detached.Commands));
        Assert.That(branch.Commands[^2], Does.Contain("show -s --format=%ct " + sha));
        Assert.That(branch.Commands[^1], Does.Contain("show -s --format=%P%n%s " + sha));
        Assert.That(detached.Commands[^1], Does.Contain("show -s --format=%ct " + sha));
    }

    [Test]
    public void Without_git_the_error_names_the_fix_and_the_overrides()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");

        var error = Assert.Throws<CakeException>(() => Resolve(repository.Path, CakeProcesses.NoGit()));

        Assert.That(error!.Message, Does.Contain("git is not installed").And.Contain("Install git or put it on PATH").And.Contain("--sha=<commit>"));
    }

    [Test]
    public void Without_git_a_sha_is_enough_and_the_note_names_the_fix()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");

        var resolution = Resolve(repository.Path, CakeProcesses.NoGit(), new RefOverrides("feature/x", Sha, null));

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "feature/x", Slug: "feature-x", Sha: Sha, ShortSha: Sha[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: null));
        Assert.That(resolution.Notes, Has.One.Contains("git is not installed").And.Contain("Install git or put it on PATH").And.Contain(repository.Path));
    }

    [Test]
    public void A_repository_another_user_owns_is_refused_with_the_safe_directory_fix()
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("needs root on Unix, to give the repository another owner");
        }

        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        var chown = Support.ProcessRunner.Run("chown", ["-R", "54321:54321", repository.Path]);
        Assert.That(chown.ExitCode, Is.EqualTo(0), chown.Output);
        var git = new CountingGit(isolateFromUserConfig: true).Git();

        var error = Assert.Throws<CakeException>(() => Resolve(repository.Path, git));
        var resolution = Resolve(repository.Path, git, new RefOverrides(null, Sha, null));

        var fix = $"git config --global --add safe.directory {repository.Path}";
        Assert.That(error!.Message, Does.Contain("dubious ownership").And.Contain(fix).And.Contain("--sha=<commit>"));
        Assert.That((resolution.Refs.Sha, resolution.Refs.Kind), Is.EqualTo((Sha, RefKind.Detached)));
        Assert.That(resolution.Notes, Has.One.Contains("dubious ownership").And.Contain(fix));
    }

    [Test]
    public void The_users_GIT_DIR_and_GIT_WORK_TREE_do_not_point_git_elsewhere()
    {
        // A git hook that runs the build sets GIT_DIR; the directory asked about must still decide.
        using var asked = GitRepository.Init("asked");
        var sha = asked.Commit("first");
        using var other = GitRepository.Init("other");
        other.Commit("other");
        var saved = (Environment.GetEnvironmentVariable("GIT_DIR"), Environment.GetEnvironmentVariable("GIT_WORK_TREE"));
        Environment.SetEnvironmentVariable("GIT_DIR", System.IO.Path.Combine(other.Path, ".git"));
        Environment.SetEnvironmentVariable("GIT_WORK_TREE", other.Path);
        try
        {
            var refs = Resolve(asked.Path, CakeProcesses.Git()).Refs;

            Assert.That((refs.RefName, refs.Sha), Is.EqualTo(("asked", sha)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GIT_DIR", saved.Item1);
            Environment.SetEnvironmentVariable("GIT_WORK_TREE", saved.Item2);
        }
    }

    [Test]
    public void Credentials_in_the_origin_remote_never_reach_Cakes_diagnostic_log()
    {
        using var repository = GitRepository.Init("main");
        repository.Commit("first");
        repository.AddOrigin("https://dev:glpat-SECRET@gitlab.example.com/group/app.git", "main", setOriginHead: true);
        var lines = new List<string>();
        var log = Substitute.For<ICakeLog>();
        log.Verbosity.Returns(Verbosity.Diagnostic);
        log.When(l => l.Write(Arg.Any<Verbosity>(), Arg.Any<LogLevel>(), Arg.Any<string>(), Arg.Any<object[]>()))
            .Do(call => lines.Add(string.Format(CultureInfo.InvariantCulture, call.ArgAt<string>(2), call.ArgAt<object[]>(3))));

        var refs = Resolve(repository.Path, CakeProcesses.Git(log)).Refs;

        Assert.That(refs.SourceUrl, Is.EqualTo("https://gitlab.example.com/group/app"));
        Assert.That(lines, Has.Some.Contains("remote get-url origin"), "the git commands are logged, as every tool's are");
        Assert.That(lines, Has.Some.Contains("https://gitlab.example.com/group/app.git"), "and so is what git printed");
        Assert.That(lines, Has.None.Contains("SECRET"));
    }

    private static GitRefResolution Resolve(string directory, GitCli git, RefOverrides? overrides = null) =>
        new GitRefResolver(FakeEnvironment.With(NoCi, directory), new FileSystem(), git).Resolve(overrides ?? RefOverrides.None);
}
