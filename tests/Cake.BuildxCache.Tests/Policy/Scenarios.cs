using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>Where a build can stand, as the refs resolver hands it over, and the options each one uses.</summary>
internal static class Scenarios
{
    public const string Sha = "3f9c1e2ab4d5e6f708192a3b4c5d6e7f80912a3b";
    public const string Short = "3f9c1e2a";
    public const string Image = "registry.example.com/group/app";
    public const string Cache = "registry.example.com/group/app/cache";
    public const string GitLabSource = "https://gitlab.example.com/group/app";
    public const string GitHubSource = "https://github.com/group/app";
    public const string Password = "glpat-Sup3rSecret";

    public static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2));

    public static BuildxCacheOptions CiOptions { get; } = new()
    {
        Image = Image,
        Registry = "registry.example.com",
        RegistryUser = "gitlab-ci-token",
        RegistryPassword = new Secret(Password),
    };

    public static BuildxCacheOptions LocalOptions { get; } = new() { Image = Image };

    public static GitRefInfo GitLabBranch(string name, string defaultBranch = "main") =>
        new(CiProvider.GitLabCI, RefKind.Branch, name, RefSlug.From(name), Sha, Short, defaultBranch, null, false, GitLabSource);

    public static GitRefInfo GitLabMergeRequest(string source, string target, bool fork = false) =>
        new(CiProvider.GitLabCI, RefKind.Branch, source, RefSlug.From(source), Sha, Short, "main", target, fork, GitLabSource);

    public static GitRefInfo GitLabTag(string tag) =>
        new(CiProvider.GitLabCI, RefKind.Tag, tag, RefSlug.From(tag), Sha, Short, "main", null, false, GitLabSource);

    public static GitRefInfo GitHubPush(string branch) =>
        new(CiProvider.GitHubActions, RefKind.Branch, branch, RefSlug.From(branch), Sha, Short, "main", null, false, GitHubSource);

    public static GitRefInfo GitHubPullRequest(string head, string baseBranch, bool fork = false) =>
        new(CiProvider.GitHubActions, RefKind.Branch, head, RefSlug.From(head), Sha, Short, "main", baseBranch, fork, GitHubSource);

    public static GitRefInfo LocalBranch(string name) =>
        new(CiProvider.None, RefKind.Branch, name, RefSlug.From(name), Sha, Short, "main", null, false, null);

    public static GitRefInfo LocalDetached() =>
        new(CiProvider.None, RefKind.Detached, Short, Short, Sha, Short, "main", null, false, null);
}
