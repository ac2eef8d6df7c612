using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The record a promoted cache ref carries in its annotations.</summary>
public sealed class CacheRecordTests
{
    private const string Sha = "1a2b3c4d5e6f708192a3b4c5d6e7f80910a1b2c3";

    [Test]
    public void A_record_round_trips_through_annotations_with_its_fields_and_ignores_other_keys()
    {
        var record = CacheRecord.Of(Sha).With("build-arg.node-version", "sha256:ab").With("promoted", "2026-11-30T07:00:00Z");
        var annotations = record.ToAnnotations().Append(new("org.opencontainers.image.created", "2026-11-30T07:00:00Z")).Reverse();

        var read = CacheRecord.FromAnnotations(annotations);

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Commit, Is.EqualTo(Sha));
        Assert.That(read.Fields, Is.EqualTo(record.Fields));
        Assert.That(record.ToAnnotations()[0], Is.EqualTo(new KeyValuePair<string, string>("cake-buildxcache.commit", Sha)));
    }

    [TestCase("1a2b3c4d", TestName = "A short sha is no record")]
    [TestCase("1A2B3C4D5E6F708192A3B4C5D6E7F80910A1B2C3", TestName = "An uppercase sha is no record")]
    [TestCase("", TestName = "An empty commit is no record")]
    public void An_unreadable_commit_is_no_record(string commit)
    {
        Assert.That(CacheRecord.FromAnnotations([new("cake-buildxcache.commit", commit)]), Is.Null);
        Assert.Throws<ArgumentException>(() => CacheRecord.Of(commit));
    }

    [Test]
    public void Annotations_without_a_commit_are_no_record()
    {
        Assert.That(CacheRecord.FromAnnotations([new("cake-buildxcache.promoted", "x")]), Is.Null);
    }

    [TestCase("commit")]
    [TestCase("Upper")]
    [TestCase("")]
    [TestCase("a b")]
    public void A_field_name_outside_the_rules_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => CacheRecord.Of(Sha).With(name, "v"));
    }
}
