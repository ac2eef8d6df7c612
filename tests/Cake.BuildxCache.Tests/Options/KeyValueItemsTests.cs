using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// cake.config gives a key=value option one key per item, the item's key after a dot (<c>BuildArg.NODE_VERSION=22</c>):
/// the key names come from the file, the values from Cake's configuration, under either host alike.
/// </summary>
public sealed class KeyValueItemsTests
{
    private const string File = """
        [Buildx]
        BuildArg.NODE_VERSION=22
        BuildArg.http_proxy=http://proxy:3128
        DriverOpt.network=host
        DriverOpt.env.http_proxy=%PROXY%
        Label.org.opencontainers.image.vendor=Acme Corp
        """;

    private static KeyValuePair<string, string>[] Pairs(params string[] items) =>
        [.. items.Select(item => new KeyValuePair<string, string>(item[..item.IndexOf('=', StringComparison.Ordinal)], item[(item.IndexOf('=', StringComparison.Ordinal) + 1)..]))];

    [TestCase("official runner")]
    [TestCase("our host")]
    public void Dotted_items_read_into_the_options_with_their_keys_as_written_and_values_expanded(string host)
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", File);
        var hosts = new ConfigHosts(directory.Path, new Dictionary<string, string> { ["PROXY"] = "http://proxy:3128" });

        var options = hosts.ReadOptions(host == "our host" ? hosts.OurHost() : hosts.OfficialRunner());

        Assert.Multiple(() =>
        {
            Assert.That(options.ReadProblems, Is.Empty);
            Assert.That(options.BuildArgs, Is.EqualTo(Pairs("NODE_VERSION=22", "http_proxy=http://proxy:3128")));
            Assert.That(options.DriverOpts, Is.EqualTo(Pairs("network=host", "env.http_proxy=http://proxy:3128")));
            Assert.That(options.Labels, Is.EqualTo(Pairs("org.opencontainers.image.vendor=Acme Corp")));
            Assert.That(options.Origins["build-arg"].ToString(), Is.EqualTo("from configuration Buildx_BuildArg.NODE_VERSION, Buildx_BuildArg.http_proxy"));
        });
    }

    [Test]
    public void An_argument_overrides_a_dotted_item_through_Cakes_configuration_under_both_hosts()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", File);
        var hosts = new ConfigHosts(directory.Path, arguments: [new("buildx_buildarg.node_version", "23")]);

        foreach (var configuration in new[] { hosts.OfficialRunner(), hosts.OurHost() })
        {
            Assert.That(hosts.ReadOptions(configuration).BuildArgs, Is.EqualTo(Pairs("NODE_VERSION=23", "http_proxy=http://proxy:3128")));
        }
    }

    [Test]
    public void The_options_own_key_and_its_items_make_one_configuration_source()
    {
        var options = new OptionSourcesBuilder()
            .Config("Buildx_BuildArg", "A=1;B=2")
            .Config("Buildx_BuildArg.C", "3")
            .Read();

        Assert.That(options.BuildArgs, Is.EqualTo(Pairs("A=1", "B=2", "C=3")));
        Assert.That(options.Origins["build-arg"].ToString(), Is.EqualTo("from configuration Buildx_BuildArg, Buildx_BuildArg.C"));
    }

    [Test]
    public void An_item_given_by_both_is_a_problem_naming_the_item_key()
    {
        var options = new OptionSourcesBuilder()
            .Config("Buildx_BuildArg", "A=1")
            .Config("Buildx_BuildArg.A", "2")
            .Read();

        Assert.That(options.ReadProblems.Single().Message, Does.StartWith("build-arg 'A=2' (from configuration Buildx_BuildArg.A): gives 'A' more than once; "));
    }

    [Test]
    public void An_item_without_a_key_is_a_problem_saying_how_to_write_one()
    {
        var options = new OptionSourcesBuilder().Config("Buildx_Label.", "x").Read();

        Assert.That(options.ReadProblems.Single().Message, Is.EqualTo(
            "label 'x' (from configuration Buildx_Label.): has no item key after 'Label.'; set --label=com.example.team=platform, BUILDX_LABEL, or Label.com.example.team=platform under [Buildx] in cake.config"));
    }

    [Test]
    public void A_higher_source_replaces_the_items_whole_as_it_does_for_every_list()
    {
        var options = new OptionSourcesBuilder()
            .Config("Buildx_BuildArg.A", "1")
            .Env("BUILDX_BUILD_ARG", "B=2")
            .Read();

        Assert.That(options.BuildArgs, Is.EqualTo(Pairs("B=2")));
        Assert.That(options.Origins["build-arg"].ToString(), Is.EqualTo("from BUILDX_BUILD_ARG"));
    }

    [Test]
    public void Only_key_value_options_take_items_and_their_table_key_and_advice_show_the_dotted_form()
    {
        Assert.That(OptionCatalog.All.Where(option => option.HasItemKeys).Select(option => option.ConfigFileEntry), Is.EquivalentTo(new[] { "PlatformDigest.<key>", "DriverOpt.<key>", "Label.<key>", "BuildArg.<key>", "BuildContext.<key>", "Annotation.<key>", "Ulimit.<key>" }));
        Assert.That(OptionCatalog.BuildArg.HowToSet, Is.EqualTo("set --build-arg=NODE_VERSION=22, BUILDX_BUILD_ARG, or BuildArg.NODE_VERSION=22 under [Buildx] in cake.config"));
        Assert.That(OptionCatalog.Image.HowToSet, Does.EndWith("or Image= under [Buildx] in cake.config"));
    }
}
