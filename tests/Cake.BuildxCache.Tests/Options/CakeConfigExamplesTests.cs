using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;
using Cake.Core.Configuration;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// Every cake.config example of the documentation (each <c>```ini</c> block of README.md and docs/*.md) and the
/// repository's own cake.config files load under both hosts, Cake 7's own parser and ours, and each value they
/// write lands in the options.
/// </summary>
public sealed class CakeConfigExamplesTests
{
    private static IEnumerable<TestCaseData> Examples() =>
        IniExamples.All().Select(example => new TestCaseData(example.Text).SetArgDisplayNames(example.Where));

    [Test]
    public void The_documentation_has_cake_config_examples_to_check() =>
        Assert.That(IniExamples.MarkdownBlocks().ToList(), Is.Not.Empty, "no ```ini block found in README.md or docs/*.md: the Markdown reading is broken");

    [TestCaseSource(nameof(Examples))]
    public void An_example_loads_under_the_official_runner_and_our_host_and_every_value_lands_in_the_options(string text)
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", text);
        var hosts = new ConfigHosts(directory.Path);
        var entries = ConfigFile.Parse("cake.config", text).Where(entry => entry.Key.StartsWith("Buildx_", StringComparison.OrdinalIgnoreCase)).ToList();

        foreach (var (host, create) in new (string, Func<ICakeConfiguration>)[] { ("official runner", hosts.OfficialRunner), ("our host", hosts.OurHost) })
        {
            ICakeConfiguration configuration = null!;
            Assert.That(() => configuration = create(), Throws.Nothing, host);
            var context = hosts.Context(configuration);
            var options = CakeOptionSources.ReadOptions(context);
            var spelling = OptionSpelling.Check([], BuildxConfigKeys.Read(context), OptionCatalog.All);

            Assert.That(options.ReadProblems.Select(problem => problem.Message), Is.Empty, host);
            Assert.That(spelling.Problems.Select(problem => problem.Message), Is.Empty, host);
            foreach (var entry in entries)
            {
                AssertLands(entry, options, host);
            }

            // An image section ([Buildx.Image.NAME]) declares the image of that name.
            var sections = ConfigFile.Parse("cake.config", text).Where(entry => entry.Section.StartsWith(Cake.BuildxCache.Options.ImageSections.Prefix, StringComparison.OrdinalIgnoreCase));
            Assert.That(options.Images.Select(image => image.Name), Is.SupersetOf(sections.Select(entry => entry.Section[Cake.BuildxCache.Options.ImageSections.Prefix.Length..]).Distinct()), host);
        }
    }

    // What the file writes must read as the same value given straight to the reader as configuration.
    private static void AssertLands(ConfigEntry entry, BuildxCacheOptions options, string host)
    {
        var name = entry.Key["Buildx_".Length..];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var option = OptionCatalog.All.Single(item => string.Equals(item.ConfigFileKey, dot < 0 ? name : name[..dot], StringComparison.OrdinalIgnoreCase));
        var where = $"{host}: {entry.Name} (line {entry.Line})";

        Assert.That(options.Origins.GetValueOrDefault(option.Name)?.Source, Is.EqualTo(OptionSource.Configuration), where);
        if (option.HasItemKeys)
        {
            var pairs = ((OptionDescriptor<IReadOnlyList<KeyValuePair<string, string>>>)option).ValueIn(options);
            Assert.That(pairs, Does.Contain(new KeyValuePair<string, string>(name[(dot + 1)..], entry.Value.Trim())), where);
            return;
        }

        var direct = BuildxCacheOptionsReader.Read(OptionSources.From(configuration: new Dictionary<string, string> { [entry.Key] = entry.Value }));
        Assert.That(option.Format(options), Is.EqualTo(option.Format(direct)).And.Not.Null, where);
    }
}
