using Cake.BuildxCache.Options;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary><c>--fan-out</c>: one platform pushed by digest only, its cache in its platform's scope, its digest handed on under its platform's name.</summary>
public sealed class FanOutPlanTests
{
    private static readonly BuildxCacheOptions FanOut = CiOptions with { Platforms = ["linux/arm64"], FanOut = true };

    [Test]
    public void A_fan_out_job_pushes_by_digest_with_no_tag_and_writes_its_platforms_cache_scope()
    {
        var refs = GitLabBranch("main") with { CommitTime = DateTimeOffset.FromUnixTimeSeconds(1704180600), CommitTimeSource = "CI_COMMIT_TIMESTAMP" };
        var plan = RunPlanner.Plan(refs, FanOut, DockerHostInfo.Local, Created).PublishBuild;
        var settings = DockerCommands.Build(plan);

        Assert.That(settings.Tags, Is.Empty, "no tag moves");
        Assert.That(settings.Push, Is.True);
        Assert.That(settings.Outputs, Is.EqualTo(new[] { $"type=image,name={Image},push-by-digest=true,name-canonical=true,source-date-epoch=1704180600" }));
        Assert.That(settings.CacheTo.Single().ToString(), Does.Contain($"ref={Cache}:main-linux-arm64"));
        Assert.That(plan.Notes, Has.Some.StartsWith("fan-out: linux/arm64 is pushed by digest only"));
    }

    [Test]
    public void BuildWithCache_of_a_fan_out_job_pushes_by_digest_too_and_a_fork_still_does_not_push()
    {
        var ci = RunPlanner.Plan(GitLabBranch("main"), FanOut, DockerHostInfo.Local, Created);
        var fork = RunPlanner.Plan(GitLabMergeRequest("feature", "main", fork: true), FanOut, DockerHostInfo.Local, Created);

        Assert.That(ci.Build.PushesByDigest, Is.True);
        Assert.That(fork.PublishBuild.Output, Is.EqualTo(OutputMode.Load));
        Assert.That(fork.PublishBuild.PushesByDigest, Is.False);
        Assert.That(DockerCommands.Build(fork.PublishBuild).Outputs, Has.None.Contains("push-by-digest"));
    }

    [Test]
    public void The_hand_off_names_the_digest_after_the_platform_so_two_jobs_never_collide()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), FanOut, DockerHostInfo.Local, Created).PublishBuild;
        var handOff = BuildHandOff.From(plan, new Cake.BuildxCache.Docker.Build.BuildMetadata { Digest = "sha256:" + new string('a', 64) });

        Assert.That(BuildEnvFile.Render(handOff), Does.Contain("IMAGE_DIGEST_LINUX_ARM64=sha256:aaaa").And.Not.Contain("IMAGE_DIGEST=").And.Not.Contain("IMAGE_TAGS"));
        Assert.That(GitHubOutputs.Of(handOff).Where(pair => pair.Value is not null).Select(pair => pair.Key), Does.Contain("digest-linux-arm64").And.Not.Contain("digest"));
        Assert.That(ArtifactPaths.FanOut("linux/arm/v7"), Is.EqualTo("artifacts/fan-out-linux-arm-v7.json"));
    }

    [Test]
    public void The_hand_off_file_carries_platform_image_digest_and_commit_and_reads_back()
    {
        var image = new PlatformImage("linux/386", Image, "sha256:" + new string('b', 64), Sha, "artifacts/fan-out-linux-386.json");

        var (read, problem) = FanOutFile.Parse(FanOutFile.Render(image), image.Source);

        Assert.That(problem, Is.Null);
        Assert.That(read, Is.EqualTo(image));
        Assert.That(FanOutFile.Parse("{\"platform\":\"linux/386\"}", "x.json").Problem, Is.EqualTo("x.json lacks platform, image or digest"));
    }

    [TestCase(new string[0], "needs exactly one --platform (the platform this job builds), and none is set")]
    [TestCase(new[] { "linux/amd64", "linux/arm64" }, "needs exactly one --platform, and 2 are set (linux/amd64,linux/arm64)")]
    public void Fan_out_is_refused_without_exactly_one_platform(string[] platforms, string problem)
    {
        var problems = BuildxCacheOptionsValidator.Validate(FanOut with { Platforms = platforms }, isCI: true);

        Assert.That(problems.Select(p => p.Message), Has.One.StartsWith("fan-out 'true'").And.Contains(problem));
    }

    [Test]
    public void Fan_out_is_refused_with_load_or_push_false_and_with_listed_digests()
    {
        var problems = BuildxCacheOptionsValidator.Validate(FanOut with { Load = true, Push = false, PlatformDigests = [new("linux/arm64", "sha256:" + new string('c', 64))] }, isCI: true)
            .Where(problem => problem.Option == "fan-out").Select(problem => problem.Problem).ToList();

        Assert.That(problems, Has.Some.StartsWith("cannot go with --load=true"));
        Assert.That(problems, Has.Some.StartsWith("cannot go with --push=false"));
        Assert.That(problems, Has.Some.StartsWith("cannot go with --platform-digest"));
    }

    [TestCase("linux/amd64", "sha256:abc", "has 'sha256:abc' after '='")]
    [TestCase("linux/x86_64", "sha256:0000000000000000000000000000000000000000000000000000000000000000", "has the platform 'linux/x86_64'")]
    public void A_listed_digest_needs_a_platform_and_a_sha256_digest(string platform, string digest, string problem)
    {
        var problems = BuildxCacheOptionsValidator.Validate(CiOptions with { Platforms = ["linux/amd64", "linux/arm64"], PlatformDigests = [new(platform, digest)] }, isCI: true);

        Assert.That(problems.Where(p => p.Option == "platform-digest").Select(p => p.Problem), Has.One.StartsWith(problem));
    }
}
