using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

public sealed class CacheHitRequirementTests
{
    private static BuildReport Fixture(string name, string version = Fixtures.Buildx0105) => BuildProgress.Parse(Fixtures.Captured(name, version).Lines);

    private static BuildSummary Summary(int cached, params string[] ran) => new(
        cached + ran.Length,
        cached,
        ran.Length,
        cached + ran.Length == 0 ? null : (double)cached / (cached + ran.Length),
        [],
        ran.Select((name, i) => new BuildStep(i + 1, name, StepKind.Build, "stage", null, StepStatus.Done, TimeSpan.FromSeconds(1), null, null)).ToList(),
        TimeSpan.Zero,
        null,
        ["r/cache:main"],
        [],
        true,
        [],
        null);

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.Versions))]
    public void The_warm_fixture_meets_100(string version)
    {
        var verdict = CacheHitRequirement.Check(Fixture("build-warm-plain.txt", version), 100);

        Assert.That(verdict, Is.EqualTo(new CacheHitVerdict(true, true, "cache hit 100% meets --require-cache-hit=100")));
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.Versions))]
    public void The_cold_fixture_is_not_failed_since_no_cache_was_imported(string version)
    {
        var verdict = CacheHitRequirement.Check(Fixture("build-cold-plain.txt", version), 80);

        Assert.That(verdict, Is.EqualTo(new CacheHitVerdict(true, false, "--require-cache-hit=80 not checked: a cold build (no cache ref was imported)")));
    }

    [Test]
    public void A_warm_build_below_the_requirement_fails_naming_the_steps_that_ran()
    {
        var verdict = CacheHitRequirement.Check(Summary(2, "[stage 2/3] RUN make", "[stage 3/3] COPY . /app", "[final 2/2] RUN test"), 80, expectedWarm: true);

        Assert.That(verdict, Is.EqualTo(new CacheHitVerdict(
            false,
            true,
            "cache hit 40% is below --require-cache-hit=80: 3 of 5 steps ran: [stage 2/3] RUN make, [stage 3/3] COPY . /app, [final 2/2] RUN test")));
    }

    [Test]
    public void At_most_five_steps_are_named()
    {
        var verdict = CacheHitRequirement.Check(Summary(0, "a", "b", "c", "d", "e", "f", "g"), 1, expectedWarm: true);

        Assert.That(verdict.Message, Is.EqualTo("cache hit 0% is below --require-cache-hit=1: 7 of 7 steps ran: a, b, c, d, e and 2 more"));
    }

    [TestCase(4, 1, 80, true)]
    [TestCase(2, 1, 67, false)]
    [TestCase(2, 1, 66, true)]
    [TestCase(0, 1, 0, true)]
    [TestCase(1, 0, 100, true)]
    public void The_threshold_is_compared_exactly(int cached, int ran, int required, bool passes)
    {
        var verdict = CacheHitRequirement.Check(Summary(cached, Enumerable.Range(1, ran).Select(i => "step " + i).ToArray()), required, expectedWarm: true);

        Assert.That(verdict.Passed, Is.EqualTo(passes), verdict.Message);
    }

    [Test]
    public void Two_of_three_against_67_reads_as_below()
    {
        var verdict = CacheHitRequirement.Check(Summary(2, "x"), 67, expectedWarm: true);

        Assert.That(verdict.Message, Is.EqualTo("cache hit 66.6% is below --require-cache-hit=67: 1 of 3 steps ran: x"));
    }

    [Test]
    public void A_warm_build_without_countable_steps_is_not_checked()
    {
        var verdict = CacheHitRequirement.Check(Summary(0), 50, expectedWarm: true);

        Assert.That(verdict, Is.EqualTo(new CacheHitVerdict(true, false, "--require-cache-hit=50 not checked: no build step was cached or ran")));
    }

    [TestCase(-1)]
    [TestCase(101)]
    public void A_percentage_outside_0_to_100_is_refused(int percent) =>
        Assert.That(() => CacheHitRequirement.Check(Summary(1), percent, expectedWarm: true), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Several_images_fail_naming_every_image_that_missed_and_why()
    {
        var verdicts = new KeyValuePair<string, CacheHitVerdict>[]
        {
            new("api", CacheHitRequirement.Check(Summary(1, "RUN make"), 90, expectedWarm: true)),
            new("worker", CacheHitRequirement.Check(Summary(3), 90, expectedWarm: true)),
            new("migrations", CacheHitRequirement.Check(Summary(0, "RUN migrate"), 90, expectedWarm: true)),
        };

        var failure = CacheHitRequirement.ImagesFailure(verdicts);

        Assert.That(failure, Is.EqualTo(
            "2 of 3 images missed the cache: api, migrations. "
            + "api: cache hit 50% is below --require-cache-hit=90: 1 of 2 steps ran: RUN make; "
            + "migrations: cache hit 0% is below --require-cache-hit=90: 1 of 1 steps ran: RUN migrate"));
    }

    [Test]
    public void Several_images_pass_when_each_meets_the_requirement_or_was_cold()
    {
        var verdicts = new KeyValuePair<string, CacheHitVerdict>[]
        {
            new("api", CacheHitRequirement.Check(Summary(3), 90, expectedWarm: true)),
            new("worker", CacheHitRequirement.Check(Summary(0, "RUN build"), 90, expectedWarm: false)),
        };

        Assert.That(CacheHitRequirement.ImagesFailure(verdicts), Is.Null);
    }
}
