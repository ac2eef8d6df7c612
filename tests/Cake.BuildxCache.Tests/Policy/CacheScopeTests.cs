using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Options;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// <c>--cache-scope</c>: jobs that build one platform or one stage of a branch read and write a cache ref of their own
/// (<c>&lt;slug&gt;-&lt;scope&gt;</c>), and the whole cache-from chain is in that scope.
/// </summary>
public sealed class CacheScopeTests
{
    // platforms, stage, --cache-scope, the expected tag suffix ("" for none), and a fragment of the reason.
    [TestCase("", null, null, "", "no --stage and no single --platform")]
    [TestCase("linux/386", null, null, "-linux-386", "from --platform")]
    [TestCase("linux/arm/v7", null, null, "-linux-arm-v7", "from --platform")]
    [TestCase("linux/amd64,linux/386", null, null, "", "2 platforms in one build share one ref")]
    [TestCase("", "runtime", null, "-runtime", "from --stage")]
    [TestCase("linux/386", "Build_Env.1", null, "-build-env-1-linux-386", "from --stage and --platform")]
    [TestCase("linux/amd64,linux/386", "test", null, "-test", "from --stage; 2 platforms in one build share one ref")]
    [TestCase("linux/386", "runtime", "x86-32bit", "-x86-32bit", "")]
    [TestCase("linux/386", "runtime", "none", "", "turned off")]
    [TestCase("local", null, null, "", "no --stage and no single --platform")]
    public void The_scope_comes_from_a_single_platform_and_the_stage_unless_set(string platforms, string? stage, string? scope, string suffix, string reason)
    {
        var options = CiOptions with { Platforms = platforms.Length == 0 ? [] : platforms.Split(','), Stage = stage };
        options = scope is null ? options : options with { CacheScope = scope };

        var decision = CacheRefPolicy.Decide(GitLabMergeRequest("feature/x", "develop"), options);
        var plan = BuildPlanner.Plan(GitLabMergeRequest("feature/x", "develop"), options, Created);

        Assert.Multiple(() =>
        {
            Assert.That(decision.To?.Ref, Is.EqualTo($"{Cache}:feature-x{suffix}"));
            Assert.That(decision.From.Select(spec => spec.Ref), Is.EqualTo(new[] { $"{Cache}:feature-x{suffix}", $"{Cache}:develop{suffix}", $"{Cache}:main{suffix}" }), "every candidate in the same scope");
            Assert.That(plan.CacheScope.Value, Is.EqualTo(suffix.Length == 0 ? null : suffix[1..]));
            Assert.That(plan.CacheScope.Reason, Does.Contain(reason));
        });
    }

    [Test]
    public void Each_stage_gets_its_own_ref()
    {
        var refs = GitLabBranch("main");

        var test = CacheRefPolicy.Decide(refs, CiOptions with { Stage = "test" });
        var runtime = CacheRefPolicy.Decide(refs, CiOptions with { Stage = "runtime" });
        var last = CacheRefPolicy.Decide(refs, CiOptions);

        Assert.That(new[] { test.To?.Ref, runtime.To?.Ref, last.To?.Ref }, Is.EqualTo(new[] { $"{Cache}:main-test", $"{Cache}:main-runtime", $"{Cache}:main" }));
    }

    [Test]
    public void A_new_branchs_first_platform_job_reads_the_default_branchs_cache_of_that_platform()
    {
        var plan = BuildPlanner.Plan(GitLabBranch("feature/new"), CiOptions with { Platforms = ["linux/386"] }, Created);

        var candidates = plan.CacheFromChain;

        Assert.That(candidates.Select(candidate => (candidate.Ref, candidate.Role)), Is.EqualTo(new[]
        {
            ($"{Cache}:feature-new-linux-386", CacheFromRole.Own),
            ($"{Cache}:main-linux-386", CacheFromRole.DefaultBranch),
        }));
    }

    [Test]
    public void The_tag_prefix_goes_before_the_slug_and_the_scope_after_it()
    {
        var options = CiOptions with { CacheRepo = Image, CacheTagPrefix = "cache-", Platforms = ["linux/arm64"] };

        var decision = CacheRefPolicy.Decide(GitLabBranch("main"), options);

        Assert.That(decision.To?.Ref, Is.EqualTo($"{Image}:cache-main-linux-arm64"));
    }

    [TestCase(new[] { "cache-scope=linux/386" }, "only letters, digits, '_', '.' and '-'")]
    [TestCase(new[] { "cache-scope=arm 64" }, "only letters, digits, '_', '.' and '-'")]
    [TestCase(new[] { "cache-scope=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, "at most 64")]
    [TestCase(new[] { "cache-tag-prefix=cache-", "cache-scope=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, "at most 58")]
    [TestCase(new[] { "stage=a2345678901234567890123456789012345678901234567890123", "platform=linux/amd64" }, "(derived from --stage and --platform)")]
    public void A_scope_that_would_make_an_invalid_tag_is_refused_naming_the_option_and_the_fix(string[] arguments, string fragment)
    {
        var sources = new OptionSourcesBuilder().Arg("image", Image);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            sources.Arg(argument[..equals], argument[(equals + 1)..]);
        }

        var problems = BuildxCacheOptionsValidator.Validate(sources.Read(), isCI: false);

        var problem = problems.SingleOrDefault(item => item.Option == "cache-scope");
        Assert.That(problem, Is.Not.Null, string.Join("\n", problems));
        Assert.That(problem!.Message, Does.Contain(fragment));
        Assert.That(problem.Message, Does.Contain("set --cache-scope="));
    }

    [Test]
    public void The_longest_scope_allowed_makes_a_valid_tag_with_the_longest_slug()
    {
        var scope = new string('s', CacheScope.MaxLength("cache-"));
        var options = CiOptions with { CacheTagPrefix = "cache-", CacheScope = scope };
        var slug = new string('b', Cake.BuildxCache.Refs.RefSlug.MaxLength);

        var tag = CacheRefPolicy.CacheRef(Cache, options.CacheTagPrefix, slug, CacheScope.Of(options).Value)!.Split(':')[^1];

        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: true), Is.Empty);
        Assert.That(tag, Has.Length.EqualTo(DockerNames.MaxTagLength));
        Assert.That(DockerNames.IsValidTag(tag), Is.True);
    }
}
