using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>An option is its declaration: default, reading, printing and setting in code all come from the descriptor.</summary>
public sealed class OptionDeclarationTests
{
    private static readonly OptionDescriptor<string> Declared = new("declared-only", OptionParsers.Text)
    {
        Default = "fallback",
        Example = "value",
        Summary = "an option with no property of its own",
    };

    [Test]
    public void An_option_without_a_property_has_its_default_until_read_or_set()
    {
        var options = new BuildxCacheOptions();

        Assert.That(Declared.ValueIn(options), Is.EqualTo("fallback"));
        Assert.That(Declared.ValueIn(Declared.With(options, "in code")), Is.EqualTo("in code"));
        Assert.That(Declared.ValueIn(options), Is.EqualTo("fallback"), "options are immutable");
    }

    [Test]
    public void An_option_without_a_property_is_read_and_printed_like_any_other()
    {
        var reading = new OptionReading(OptionSources.From(environment: new Dictionary<string, string> { ["BUILDX_DECLARED_ONLY"] = "from env" }));

        var options = Declared.ReadInto(reading, new BuildxCacheOptions());

        Assert.That(Declared.ValueIn(options), Is.EqualTo("from env"));
        Assert.That(Declared.Format(options), Is.EqualTo("from env"));
        Assert.That(reading.Origins["declared-only"].ToString(), Does.Contain("BUILDX_DECLARED_ONLY"));
        Assert.That((Declared.DefaultText, Declared.IsList, Declared.ConfigFileKey), Is.EqualTo(("fallback", false, "DeclaredOnly")));
    }

    [Test]
    public void Every_default_is_what_a_read_of_nothing_gives()
    {
        var read = BuildxCacheOptionsReader.Read(OptionSources.Empty);
        var fresh = new BuildxCacheOptions();

        Assert.That(OptionCatalog.All.Select(option => option.Format(read)), Is.EqualTo(OptionCatalog.All.Select(option => option.Format(fresh))));
    }
}
