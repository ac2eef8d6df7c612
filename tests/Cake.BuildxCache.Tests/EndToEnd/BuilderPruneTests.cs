using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=PruneCache</c> on a real builder that holds a real build's cache: what is left is read
/// from <c>docker buildx du</c>. Covers the age filter, the space flags our options map to on buildx 0.36 with
/// BuildKit 0.32 (and the former name <c>--prune-keep-storage</c>), and removing the builder.
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
    public void Max_used_space_prunes_until_the_cache_is_under_the_limit()
    {
        var before = CacheTotal();
        var limit = (long)(before / 2);
        var asked = Scene.Calls("buildx", "version").Count;

        var run = Scene.Run(Job(), "--target=PruneCache", $"--prune-max-used-space={limit}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("buildx", "version"), Has.Count.EqualTo(asked + 1), "PruneCache alone asks buildx its version once: the flags depend on it");
        Assert.That(Scene.Calls("buildx", "prune")[^1], Is.EqualTo(new[] { "buildx", "prune", "--builder", Scene.Builder, "--all", "--max-used-space", $"{limit}", "--force" }));
        Assert.That(run.Output, Does.Contain("Pruned builder").And.Not.Contain("not pruned"));
        var after = CacheTotal();
        TestContext.Out.WriteLine($"du total: {before} B before, {after} B after --prune-max-used-space={limit}");
        Assert.That(after, Is.LessThanOrEqualTo(limit).And.LessThan(before));
    }

    [Test]
    public void Min_free_space_the_disk_already_has_keeps_the_cache()
    {
        var before = CacheTotal();

        var run = Scene.Run(Job(), "--target=PruneCache", "--prune-min-free-space=1kb");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("buildx", "prune")[^1], Does.Contain("--min-free-space"));
        // BuildKit 0.32 honours it (no "buildkit v0.17.0+ is required"): more than 1 kB is free, so the cache stays;
        // a prune without the limit would have emptied it. (BuildKit 0.32.2 still drops the one least recently used
        // record: its keep size is then the total, and cache/manager.go's pruneOnce stops only below it.)
        Assert.That(run.Output, Does.Not.Contain("is required"));
        var after = CacheTotal();
        TestContext.Out.WriteLine($"du total: {before} B before, {after} B after --prune-min-free-space=1kb");
        Assert.That(after, Is.GreaterThan(0));
    }

    [Test]
    public void Prune_keep_storage_warns_naming_the_new_option_and_still_prunes_as_reserved_space()
    {
        var run = Scene.Run(Job(), "--target=PruneCache", "--prune-keep-storage=1mb");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("--prune-keep-storage is deprecated: read as prune-reserved-space; write --prune-reserved-space instead."));
        // buildx 0.36 takes --reserved-space: the deprecated --keep-storage (and buildx's own notice about it) is not used.
        var prune = Scene.Calls("buildx", "prune")[^1];
        Assert.That(prune, Is.EqualTo(new[] { "buildx", "prune", "--builder", Scene.Builder, "--all", "--reserved-space", "1mb", "--force" }));
        Assert.That(run.Output, Does.Not.Contain("Flag --keep-storage has been deprecated"));
        Assert.That(CacheTotal(), Is.LessThanOrEqualTo(1024 * 1024), "buildx reads 1mb as 1 MiB");
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
