using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=PruneCache</c> on a real builder that holds a real build's cache: what is left is read
/// from <c>docker buildx du</c>. Covers the age filter, the space flag our options map to, and removing the builder.
/// </summary>
public sealed class BuilderPruneTests() : RealStackFixture("prune")
{
    [SetUp]
    public void BuildSoThatTheBuilderHoldsCache()
    {
        var build = Scene.Run(Job(), "--target=Publish");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        Assert.That(CacheTotal(), Is.GreaterThan(0), "the build left cache in the builder");
    }

    private Dictionary<string, string> Job() => Scene.GitLab().Branch("main", "main");

    /// <summary>The builder's cache size in bytes, from the <c>Total:</c> line of <c>docker buildx du</c>.</summary>
    private double CacheTotal()
    {
        var du = Scene.Docker("buildx", "du", "--builder", Scene.Builder);
        Assert.That(du.ExitCode, Is.EqualTo(0), du.Output);
        var total = du.StandardOutput.Split('\n').Select(line => line.Trim()).Last(line => line.StartsWith("Total:", StringComparison.Ordinal));
        var text = total["Total:".Length..].Trim();
        var number = new string([.. text.TakeWhile(c => char.IsDigit(c) || c == '.')]);
        var unit = text[number.Length..].Trim().ToUpperInvariant();
        var factor = unit switch { "B" => 1d, "KB" => 1e3, "MB" => 1e6, "GB" => 1e9, _ => throw new FormatException(total) };
        return double.Parse(number, System.Globalization.CultureInfo.InvariantCulture) * factor;
    }

    [Test]
    public void An_age_filter_keeps_what_is_younger_and_no_filter_empties_the_builder()
    {
        var before = CacheTotal();

        var young = Scene.Run(Job(), "--target=PruneCache", "--prune-until=24h");
        Assert.That(young.ExitCode, Is.EqualTo(0), young.ToString());
        Assert.That(Scene.Calls("buildx", "prune")[^1], Is.EqualTo(new[] { "buildx", "prune", "--builder", Scene.Builder, "--all", "--filter", "until=24h", "--force" }));
        Assert.That(CacheTotal(), Is.EqualTo(before), "nothing is older than 24 h");

        var all = Scene.Run(Job(), "--target=PruneCache");
        Assert.That(all.ExitCode, Is.EqualTo(0), all.ToString());
        Assert.That(all.Output, Does.Contain("Pruned builder"));
        Assert.That(CacheTotal(), Is.Zero);
    }

    [Test]
    public void Keep_storage_still_prunes_on_buildx_0_36_which_calls_it_deprecated()
    {
        var run = Scene.Run(Job(), "--target=PruneCache", "--prune-keep-storage=1mb");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("buildx", "prune")[^1], Does.Contain("--keep-storage"));
        // What buildx 0.36 says about the old flag (it became --reserved-space).
        Assert.That(run.Output, Does.Contain("Flag --keep-storage has been deprecated"));
        Assert.That(CacheTotal(), Is.LessThanOrEqualTo(1e6));
    }

    [Test]
    public void Removing_the_builder_takes_its_container_and_state_out_of_the_engine()
    {
        var container = $"buildx_buildkit_{Scene.Builder}0";
        Assert.That(Scene.Docker("container", "inspect", container).ExitCode, Is.EqualTo(0));

        var run = Scene.Run(Job(), "--target=PruneCache", "--prune-remove-builder=true");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Docker("container", "inspect", container).ExitCode, Is.Not.EqualTo(0), "the container is gone");
        Assert.That(Scene.Docker("volume", "inspect", container + "_state").ExitCode, Is.Not.EqualTo(0), "its state volume is gone");
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).ExitCode, Is.Not.EqualTo(0), "buildx no longer knows it");
    }
}
