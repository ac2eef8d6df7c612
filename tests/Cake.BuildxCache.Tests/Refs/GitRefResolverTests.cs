using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;
using Cake.Core;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class GitRefResolverTests
{
    [Test]
    public void Resolves_from_a_Cake_context_in_its_working_directory()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("first");
        repository.Git("checkout", "-q", "-b", "topic");
        var context = Substitute.For<ICakeContext>();
        var environment = FakeEnvironment.With(new Dictionary<string, string>(), repository.Path);
        context.Environment.Returns(environment);
        context.FileSystem.Returns(new FileSystem());
        context.ProcessRunner.Returns(CakeProcesses.Runner());
        context.Tools.Returns(CakeProcesses.Tools());

        var resolution = GitRefResolver.Resolve(context, RefOverrides.None);

        AssertRefs.AreEqual(
            resolution.Refs,
            new GitRefInfo(Provider: CiProvider.None, Kind: RefKind.Branch, RefName: "topic", Slug: "topic", Sha: sha, ShortSha: sha[..8], DefaultBranch: "main", TargetBranch: null, IsFork: false, SourceUrl: null));
    }

    [Test]
    public void An_explicit_repository_directory_wins_over_the_working_directory()
    {
        using var repository = GitRepository.Init("main");
        var sha = repository.Commit("first");
        using var elsewhere = new TemporaryDirectory();
        var resolver = new GitRefResolver(FakeEnvironment.With(new Dictionary<string, string>(), elsewhere.Path), new FileSystem(), CakeProcesses.Git());

        var refs = resolver.Resolve(RefOverrides.None, new DirectoryPath(repository.Path)).Refs;

        Assert.That((refs.RefName, refs.Sha), Is.EqualTo(("main", sha)));
    }

    [Test]
    public void GitLab_wins_when_both_providers_are_announced()
    {
        using var directory = new TemporaryDirectory();
        var variables = new Dictionary<string, string>
        {
            ["GITLAB_CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["CI_COMMIT_SHA"] = "0123456789abcdef0123456789abcdef01234567",
            ["CI_COMMIT_REF_NAME"] = "gitlab-branch",
            ["GITHUB_SHA"] = "89abcdef0123456789abcdef0123456789abcdef",
            ["GITHUB_REF_TYPE"] = "branch",
            ["GITHUB_REF_NAME"] = "github-branch",
        };

        var refs = new GitRefResolver(FakeEnvironment.With(variables, directory.Path), new FileSystem(), CakeProcesses.Git()).Resolve(RefOverrides.None).Refs;

        Assert.That((refs.Provider, refs.RefName), Is.EqualTo((CiProvider.GitLabCI, "gitlab-branch")));
    }
}
