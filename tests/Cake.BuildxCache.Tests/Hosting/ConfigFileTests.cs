using Cake.BuildxCache.Options;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>
/// cake.config as our reader takes it: Cake's grammar and nothing more, with keys as Cake looks them up; a line Cake's
/// parser would refuse or misread is named by file and line with the fix, never quoted.
/// </summary>
public sealed class ConfigFileTests
{
    private const string Path = "/repo/cake.config";

    [Test]
    public void Sections_prefix_their_keys_and_comments_blank_lines_and_indentation_are_skipped()
    {
        var entries = ConfigFile.Parse(Path, """
            ; Cake configuration
            Top=level
            [Buildx] ; the module's options
              Image=  registry.example.com/group/app
            DriverOpt.network=host
            BuildArg.A=1
            Label.org.opencontainers.image.vendor=Acme Corp

            [Settings]
            ShowProcessCommandLine=true
            """);

        Assert.That(entries.Select(entry => (entry.Key, entry.Value)), Is.EqualTo(new[]
        {
            ("Top", "level"),
            ("Buildx_Image", "registry.example.com/group/app"),
            ("Buildx_DriverOpt.network", "host"),
            ("Buildx_BuildArg.A", "1"),
            ("Buildx_Label.org.opencontainers.image.vendor", "Acme Corp"),
            ("Settings_ShowProcessCommandLine", "true"),
        }));
        Assert.That(entries[2].Line, Is.EqualTo(5));
        Assert.That(entries[2].Section, Is.EqualTo("Buildx"));
        Assert.That(entries[2].Name, Is.EqualTo("DriverOpt.network"));
    }

    [TestCase("[Buildx]\nImage registry.example.com/app\n", 2, "has no '='")]
    [TestCase("[Buildx]\n\n = value\n", 3, "has no one-word key")]
    [TestCase("[Buildx]\nRegistry Password=Secret-9x\n", 2, "has no one-word key")]
    [TestCase("[Buildx]\nImage =registry.example.com/app\n", 2, "has no one-word key")]
    [TestCase("[Buildx\nImage=x\n", 1, "is not a section header")]
    [TestCase("[]\n", 1, "is not a section header")]
    [TestCase("[Two Words]\n", 1, "is not a section header")]
    [TestCase("[Buildx] Image=registry.example.com/app\n", 1, "has more after its section header")]
    [TestCase("[Buildx]\n# Image=registry.example.com/app\n", 2, "starts with '#'")]
    [TestCase("[Buildx]\n#Image=registry.example.com/app\n", 2, "starts with '#'")]
    [TestCase("[Buildx]\nRegistryPassword=\nSecret-9x\n", 2, "has no value after '='")]
    [TestCase("[Buildx]\nRegistryPassword=;Secret-9x\n", 2, "has a value starting with ';'")]
    [TestCase("[Buildx]\nImage=[registry.example.com]\n", 2, "has a value starting with '['")]
    [TestCase("[Buildx]\nRegistryPassword=Secret=9x\n", 2, "has '=' in its value")]
    [TestCase("[Buildx]\nImage=registry.example.com/app\nimage=registry.example.com/other\n", 3, "sets Buildx_image again (first on line 2)")]
    [TestCase("[Buildx]\nBuildArg.A=registry.example.com\nBuildArg.a=registry.example.com\n", 3, "sets Buildx_BuildArg.a again (first on line 2)")]
    public void A_line_Cakes_parser_would_refuse_or_misread_is_named_by_file_and_line_with_the_fix_and_never_quoted(string text, int line, string what)
    {
        var exception = Assert.Throws<CakeException>(() => ConfigFile.Parse(Path, text));

        Assert.That(exception!.Message, Does.StartWith($"{Path}, line {line}, {what}"));
        Assert.That(exception.Message, Does.Contain(": write ").Or.Contain(": start ").Or.Contain(": put "), "the message says how to fix it");
        Assert.That(exception.Message, Does.Not.Contain("Secret").And.Not.Contain("registry.example.com"), "the line's content is not echoed");
    }

    [TestCase("DriverOpt=network=host", "write one key per item, the item's key after a dot, e.g. DriverOpt.network=host.")]
    [TestCase("BuildArg=NPM_TOKEN=Secret-9x", "write one key per item, the item's key after a dot, e.g. BuildArg.NODE_VERSION=22.")]
    [TestCase("label=org.example.x=y", "write one key per item, the item's key after a dot, e.g. Label.com.example.team=platform.")]
    public void The_old_form_of_a_key_value_option_is_refused_with_the_dotted_form_from_the_options_example(string line, string fix)
    {
        var exception = Assert.Throws<CakeException>(() => ConfigFile.Parse(Path, "[Buildx]\n" + line + "\n"));

        Assert.That(exception!.Message, Is.EqualTo($"{Path}, line 2, has '=' in its value, which Cake's configuration parser does not accept: {fix}"));
    }

    [Test]
    public void Values_keep_what_Cakes_parser_keeps_trailing_whitespace_semicolons_and_percent_signs()
    {
        var entries = ConfigFile.Parse(Path, "[Buildx]\r\nTitle=My app ; not a comment  \r\nContext=%HOME%/src\rStage=a#b\n");

        Assert.That(entries.Select(entry => entry.Value), Is.EqualTo(new[] { "My app ; not a comment  ", "%HOME%/src", "a#b" }));
    }
}
