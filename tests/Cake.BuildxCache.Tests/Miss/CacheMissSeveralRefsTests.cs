using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>
/// A miss after BuildKit read several cache refs (a registry that could not be checked, or refs a consumer added): each
/// ref's record is compared, because BuildKit does not say which ref answered a step, and the explanation names them.
/// </summary>
public sealed class CacheMissSeveralRefsTests
{
    private const string Step = "[stage-1 3/3] RUN echo \"commit $GIT_COMMIT\"";
    private const string Feature = "registry.example.com/app/cache:feature-x";
    private const string Main = "registry.example.com/app/cache:main";

    private static CacheMiss Miss(MissCause cause, string why, string cacheRef) => new(Step, 9, cause, why, cacheRef);

    [Test]
    public void One_ref_is_the_one_BuildKit_used_and_its_explanation_stands()
    {
        var miss = Miss(MissCause.BuildArg, "build argument GIT_COMMIT changed since the cache was written", Main);

        Assert.That(CacheMissRun.Combine([miss], [Main]), Is.EqualTo(miss));
    }

    [Test]
    public void The_same_cause_against_every_record_is_said_once_naming_the_refs()
    {
        const string why = "base image 127.0.0.1:5000/base/busybox:1 changed since the cache was written";

        var miss = CacheMissRun.Combine([Miss(MissCause.BaseImage, why, Feature), Miss(MissCause.BaseImage, why, Main)], [Feature, Main]);

        Assert.That(miss!.Why, Is.EqualTo($"{why} (against the records of {Feature} and {Main}: BuildKit read 2 cache refs and does not say which it used)"));
        Assert.That(miss.Cause, Is.EqualTo(MissCause.BaseImage));
    }

    [Test]
    public void Different_causes_are_each_said_with_the_ref_they_were_found_against()
    {
        var miss = CacheMissRun.Combine(
            [Miss(MissCause.Unknown, "no known cause", Feature), Miss(MissCause.BuildArg, "build argument GIT_COMMIT changed since the cache was written", Main)],
            [Feature, Main]);

        Assert.That(miss!.Why, Is.EqualTo(
            $"BuildKit read 2 cache refs and does not say which it used: against {Feature}: no known cause; against {Main}: build argument GIT_COMMIT changed since the cache was written"));
    }
}
