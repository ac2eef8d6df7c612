using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>An option is its declaration: default, reading, printing and setting in code all come from the descriptor.</summary>
public sealed class OptionDeclarationTests
{
    [Test]
    public void Every_default_is_what_a_read_of_nothing_gives()
    {
        var read = BuildxCacheOptionsReader.Read(OptionSources.Empty);
        var fresh = new BuildxCacheOptions();

        Assert.That(OptionCatalog.All.Select(option => option.Format(read)), Is.EqualTo(OptionCatalog.All.Select(option => option.Format(fresh))));
    }
}
