using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>The whole plan for each place a build can stand: cache refs, tags, labels, args, output, logins.</summary>
public sealed class BuildPlannerScenarioTests
{
    private const string Host = "registry.example.com";

    public sealed record Expected(
        string[] CacheFrom,
        string? CacheTo,
        string[] Tags,
        OutputMode Output,
        bool LoginHasCredentials,
        string? Note = null);

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, GitRefInfo refs, BuildxCacheOptions options, Expected expected) =>
            new TestCaseData(refs, options, expected).SetName(name);

        static string To(string slug) => $"type=registry,ref={Cache}:{slug},mode=max,ignore-error=true,compression=zstd";
        static string From(string slug) => $"type=registry,ref={Cache}:{slug}";

        yield return Case("GitLab default branch", GitLabBranch("main"), CiOptions, new(
            [From("main")],
            To("main"),
            [$"{Image}:main", $"{Image}:{Short}", $"{Image}:latest"],
            OutputMode.Push,
            true,
            "tag latest: main is the default branch"));

        yield return Case("GitLab feature branch", GitLabBranch("feature/Cache-Login"), CiOptions, new(
            [From("feature-cache-login"), From("main")],
            To("feature-cache-login"),
            [$"{Image}:feature-cache-login", $"{Image}:{Short}"],
            OutputMode.Push,
            true,
            $"cache-from, the first that exists: {Cache}:feature-cache-login (this branch), then {Cache}:main (default branch)"));

        yield return Case("GitLab default branch, a merge commit", GitLabBranch("main") with { MergedBranch = "feature/Deps" }, CiOptions, new(
            [From("main"), From("feature-deps")],
            To("main"),
            [$"{Image}:main", $"{Image}:{Short}", $"{Image}:latest"],
            OutputMode.Push,
            true,
            $"cache-from, the first that exists: {Cache}:main (this branch), then {Cache}:feature-deps (merged branch)"));

        yield return Case("GitLab branch when the default branch is develop", GitLabBranch("develop", defaultBranch: "develop"), CiOptions, new(
            [From("develop")],
            To("develop"),
            [$"{Image}:develop", $"{Image}:{Short}", $"{Image}:latest"],
            OutputMode.Push,
            true));

        yield return Case("GitLab merge request", GitLabMergeRequest("feature/x", "release/2.0"), CiOptions, new(
            [From("feature-x"), From("release-2-0"), From("main")],
            To("feature-x"),
            [$"{Image}:feature-x", $"{Image}:{Short}"],
            OutputMode.Push,
            true,
            $"cache-from, the first that exists: {Cache}:feature-x (this branch), then {Cache}:release-2-0 (merge request target), then {Cache}:main (default branch)"));

        yield return Case("GitLab merge request into the default branch", GitLabMergeRequest("feature/x", "main"), CiOptions, new(
            [From("feature-x"), From("main")],
            To("feature-x"),
            [$"{Image}:feature-x", $"{Image}:{Short}"],
            OutputMode.Push,
            true));

        yield return Case("GitLab merge request from the default branch is not the default branch", GitLabMergeRequest("main", "release"), CiOptions, new(
            [From("main"), From("release")],
            To("main"),
            [$"{Image}:main", $"{Image}:{Short}"],
            OutputMode.Push,
            true));

        yield return Case("GitLab fork merge request", GitLabMergeRequest("patch-1", "main", fork: true), CiOptions, new(
            [From("patch-1"), From("main")],
            null,
            [$"{Image}:patch-1", $"{Image}:{Short}"],
            OutputMode.Load,
            true,
            "cache read-only: fork merge request"));

        yield return Case("GitLab tag", GitLabTag("v1.2.3"), CiOptions, new(
            [From("v1-2-3"), From("main")],
            To("v1-2-3"),
            [$"{Image}:{Short}", $"{Image}:v1.2.3"],
            OutputMode.Push,
            true,
            $"cache-from, the first that exists: {Cache}:v1-2-3 (this tag), then {Cache}:main (default branch)"));

        yield return Case("GitLab tag that is no docker tag", GitLabTag("release/2.0"), CiOptions, new(
            [From("release-2-0"), From("main")],
            To("release-2-0"),
            [$"{Image}:{Short}", $"{Image}:release-2-0"],
            OutputMode.Push,
            true,
            "git tag 'release/2.0' is not a valid docker tag: tagged with its slug 'release-2-0'"));

        yield return Case("GitHub push to the default branch", GitHubPush("main"), CiOptions, new(
            [From("main")],
            To("main"),
            [$"{Image}:main", $"{Image}:{Short}", $"{Image}:latest"],
            OutputMode.Push,
            true,
            "output: push (GitHubActions)"));

        yield return Case("GitHub push to a branch", GitHubPush("fix/Typo_In_README"), CiOptions, new(
            [From("fix-typo-in-readme"), From("main")],
            To("fix-typo-in-readme"),
            [$"{Image}:fix-typo-in-readme", $"{Image}:{Short}"],
            OutputMode.Push,
            true));

        yield return Case("GitHub pull request", GitHubPullRequest("dependabot/npm_and_yarn/lodash-4.17.21", "main"), CiOptions, new(
            [From("dependabot-npm-and-yarn-lodash-4-17-21"), From("main")],
            To("dependabot-npm-and-yarn-lodash-4-17-21"),
            [$"{Image}:dependabot-npm-and-yarn-lodash-4-17-21", $"{Image}:{Short}"],
            OutputMode.Push,
            true));

        yield return Case("GitHub fork pull request", GitHubPullRequest("main", "main", fork: true), CiOptions, new(
            [From("main")],
            null,
            [$"{Image}:main", $"{Image}:{Short}"],
            OutputMode.Load,
            true,
            "output: load (fork merge request: not pushing unless push=true)"));

        yield return Case("Local branch", LocalBranch("feature/local"), LocalOptions, new(
            [From("feature-local"), From("main")],
            null,
            [$"{Image}:feature-local", $"{Image}:{Short}"],
            OutputMode.Load,
            false,
            "cache read-only: local run (set --cache-readonly=false or --push=true to write it)"));

        yield return Case("Local default branch", LocalBranch("main"), LocalOptions, new(
            [From("main")],
            null,
            [$"{Image}:main", $"{Image}:{Short}", $"{Image}:latest"],
            OutputMode.Load,
            false,
            $"login to {Host} (image, cache) skipped: no credentials given, assuming `docker login {Host}` was done"));

        yield return Case("Local detached HEAD", LocalDetached(), LocalOptions, new(
            [From("main")],
            null,
            [$"{Image}:{Short}"],
            OutputMode.Load,
            false,
            "cache read-only: detached HEAD: no branch to key the cache on"));
    }

    [TestCaseSource(nameof(Cases))]
    public void Plan_matches_the_scenario(GitRefInfo refs, BuildxCacheOptions options, Expected expected)
    {
        var plan = BuildPlanner.Plan(refs, options, Created);

        Assert.Multiple(() =>
        {
            Assert.That(plan.CacheFrom.Select(spec => spec.ToString()), Is.EqualTo(expected.CacheFrom), "cache-from");
            Assert.That(plan.CacheTo?.ToString(), Is.EqualTo(expected.CacheTo), "cache-to");
            Assert.That(plan.WritesCache, Is.EqualTo(expected.CacheTo is not null));
            Assert.That(plan.Tags, Is.EqualTo(expected.Tags), "tags");
            Assert.That(plan.Output, Is.EqualTo(expected.Output), "output");
            Assert.That(plan.Registries.Select(login => (login.Host, login.Purpose)), Is.EqualTo(new[] { (Host, "image, cache") }), "registries");
            Assert.That(plan.Registries[0].HasCredentials, Is.EqualTo(expected.LoginHasCredentials), "credentials");
            Assert.That(plan.Labels, Is.EqualTo(ExpectedLabels(refs)), "labels");
            Assert.That(plan.BuildArgs, Is.EqualTo(new KeyValuePair<string, string>[] { new("GIT_COMMIT", Sha) }), "build args");
            Assert.That(plan.Image, Is.EqualTo(Image));
            Assert.That(plan.CacheRepo, Is.EqualTo(Cache));
            Assert.That((plan.Dockerfile, plan.Context, plan.Target, plan.Platforms.Count), Is.EqualTo(("Dockerfile", ".", (string?)null, 0)));
            Assert.That(plan.Refs, Is.SameAs(refs));
            Assert.That(
                (plan.Builder, plan.CacheTagPrefix, plan.MetadataFile, plan.Progress, plan.CheckCacheRefs, plan.RequireCacheHit),
                Is.EqualTo((options.Builder, options.CacheTagPrefix, options.MetadataFile ?? "artifacts/buildx-metadata.json", options.Progress, options.CheckCacheRefs, options.RequireCacheHit)),
                "what the build takes from the options, the plan carries");
            if (expected.Note is not null)
            {
                Assert.That(plan.Notes, Does.Contain(expected.Note), "notes were:\n" + string.Join("\n", plan.Notes));
            }
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Plan_is_deterministic_and_never_shows_the_password(GitRefInfo refs, BuildxCacheOptions options, Expected expected)
    {
        var first = BuildPlanner.Plan(refs, options, Created);
        var second = BuildPlanner.Plan(refs, options, Created);

        Assert.That(second.Tags, Is.EqualTo(first.Tags));
        Assert.That(second.Notes, Is.EqualTo(first.Notes));
        Assert.That(second.Labels, Is.EqualTo(first.Labels));
        var printed = first + string.Join("\n", first.Registries) + string.Join("\n", first.Notes);
        Assert.That(printed, Does.Not.Contain(Password));
    }

    private static KeyValuePair<string, string>[] ExpectedLabels(GitRefInfo refs)
    {
        var labels = new List<KeyValuePair<string, string>> { new("org.opencontainers.image.revision", Sha) };
        if (refs.SourceUrl is not null)
        {
            labels.Add(new("org.opencontainers.image.source", refs.SourceUrl));
        }

        labels.Add(new("org.opencontainers.image.created", "2025-03-04T03:06:07Z"));
        labels.Add(new("org.opencontainers.image.ref.name", refs.RefName));
        labels.Add(new("org.opencontainers.image.title", "app"));
        return [.. labels];
    }
}
