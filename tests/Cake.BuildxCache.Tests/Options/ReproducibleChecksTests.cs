using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Policy;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>A <c>SOURCE_DATE_EPOCH</c> build argument, given or forwarded by buildx from the environment, conflicts with <c>--reproducible</c>.</summary>
public sealed class ReproducibleChecksTests
{
    [Test]
    public void A_SOURCE_DATE_EPOCH_build_argument_is_refused_naming_the_option_and_the_fix()
    {
        var options = Scenarios.CiOptions with { BuildArgs = [new("SOURCE_DATE_EPOCH", "1704067200")] };

        var problems = ReproducibleChecks.Check(options, null);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].Option, Is.EqualTo("reproducible"));
        Assert.That(problems[0].Message, Does.Contain("--build-arg SOURCE_DATE_EPOCH").And.Contain("WORKDIR").And.Contain("drop that build argument").And.Contain("--reproducible=false"));
    }

    [Test]
    public void A_SOURCE_DATE_EPOCH_variable_is_refused_because_buildx_forwards_it()
    {
        var problems = ReproducibleChecks.Check(Scenarios.CiOptions, "1704067200");

        Assert.That(problems.Single().Message, Does.Contain("environment variable SOURCE_DATE_EPOCH=1704067200").And.Contain("unset it"));
    }

    [Test]
    public void Without_reproducible_the_user_may_pass_their_own_epoch()
    {
        var options = Scenarios.CiOptions with { BuildArgs = [new("SOURCE_DATE_EPOCH", "1")], Reproducible = false };

        Assert.That(ReproducibleChecks.Check(options, "1"), Is.Empty);
    }

    [Test]
    public void Rewrite_timestamps_without_reproducible_is_refused_naming_both_fixes()
    {
        var options = Scenarios.CiOptions with { Reproducible = false, RewriteTimestamps = true };

        var problem = ReproducibleChecks.Check(options, null).Single();

        Assert.That(problem.Message, Does.Contain("rewrite-timestamps").And.Contain("needs --reproducible").And.Contain("drop --rewrite-timestamps, or drop --reproducible=false"));
        Assert.That(ReproducibleChecks.Check(Scenarios.CiOptions with { RewriteTimestamps = true }, null), Is.Empty, "with reproducible on it is fine");
    }
}
