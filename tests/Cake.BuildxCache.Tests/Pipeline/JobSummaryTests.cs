using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Pipeline;

public sealed class JobSummaryTests
{
    private static readonly BuildHandOff Pushed = new(
        "ghcr.io/acme/shop",
        "sha256:496a121d1310666a55f082740e3f7b2c3b0e6ba5602fe5e595fdf21ce477938b",
        ["ghcr.io/acme/shop:main", "ghcr.io/acme/shop:latest"],
        ["ghcr.io/acme/shop/cache:main"],
        "ghcr.io/acme/shop/cache:main");

    [Test]
    public void A_pushed_warm_build_with_its_report()
    {
        var report = BuildSummary.From(BuildProgress.Parse(Fixtures.Captured("build-warm-plain.txt").Lines));

        Assert.That(JobSummary.Render(Pushed, report), Is.EqualTo("""
            ### Image `ghcr.io/acme/shop`

            - digest: `sha256:496a121d1310666a55f082740e3f7b2c3b0e6ba5602fe5e595fdf21ce477938b`
            - tags: `ghcr.io/acme/shop:main`, `ghcr.io/acme/shop:latest`
            - cache read: `ghcr.io/acme/shop/cache:main`
            - cache written: `ghcr.io/acme/shop/cache:main`

            **Cache:** 2 of 2 build steps cached (100%), 0 ran

            | stage | steps | cached | ran | time |
            |:--|--:|--:|--:|--:|
            | slow | 1 | 1 | 0 | 0.0s |
            | stage-1 | 1 | 1 | 0 | 0.0s |
            | **total** | **2** | **2** | **0** | **0.0s** |

            - counts: 2 of 9 steps cached, from the progress output
            - time: 0.1s in steps
            - cache from: 127.0.0.1:5000/sample/cache:fx22716 (imported)
            - cache to: written


            """));
    }

    [Test]
    public void A_read_only_build_that_pushed_nothing_and_has_no_report()
    {
        var handOff = Pushed with { Digest = null, Tags = [], CacheFrom = [], CacheTo = null };

        Assert.That(JobSummary.Render(handOff, report: null), Is.EqualTo("""
            ### Image `ghcr.io/acme/shop`

            - digest: none (not pushed)
            - tags: none
            - cache read: none
            - cache written: none (read-only)


            """));
    }
}
