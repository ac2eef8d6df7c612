using Cake.BuildxCache.Options;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>cake.config as the host reads it: Cake's keys, values holding '=', and malformed lines named by file and line.</summary>
public sealed class ConfigFileTests
{
    private const string Path = "/repo/cake.config";

    [Test]
    public void Sections_prefix_their_keys_comments_and_blank_lines_are_skipped_and_values_may_hold_equals_signs()
    {
        var entries = ConfigFile.Parse(Path, """
            ; Cake configuration
            Top=level
            [Buildx]
            Image = registry.example.com/group/app
            # a comment
            DriverOpt=network=host
            BuildArg=A=1=2
            Label=org.example.x=y

            [Settings]
            ShowProcessCommandLine=true
            """);

        Assert.That(entries.Select(entry => (entry.Key, entry.Value)), Is.EqualTo(new[]
        {
            ("Top", "level"),
            ("Buildx_Image", "registry.example.com/group/app"),
            ("Buildx_DriverOpt", "network=host"),
            ("Buildx_BuildArg", "A=1=2"),
            ("Buildx_Label", "org.example.x=y"),
            ("Settings_ShowProcessCommandLine", "true"),
        }));
        Assert.That(entries[2].Line, Is.EqualTo(6));
        Assert.That(entries[2].Section, Is.EqualTo("Buildx"));
        Assert.That(entries[2].Name, Is.EqualTo("DriverOpt"));
    }

    [TestCase("[Buildx]\nImage registry.example.com/app\n", 2, "has no '='")]
    [TestCase("[Buildx]\n\n = value\n", 3, "has no one-word key")]
    [TestCase("[Buildx]\nRegistry Password=Secret-9x\n", 2, "has no one-word key")]
    [TestCase("[Buildx\nImage=x\n", 1, "is not a section header")]
    [TestCase("[]\n", 1, "is not a section header")]
    [TestCase("[Two Words]\n", 1, "is not a section header")]
    public void A_malformed_line_is_named_by_file_and_line_with_the_fix_and_never_quoted(string text, int line, string what)
    {
        var exception = Assert.Throws<CakeException>(() => ConfigFile.Parse(Path, text));

        Assert.That(exception!.Message, Does.StartWith($"{Path}, line {line}, {what}"));
        Assert.That(exception.Message, Does.Contain("write ").Or.Contain("comment"), "the message says how to fix it");
        Assert.That(exception.Message, Does.Not.Contain("Secret-9x").And.Not.Contain("registry.example.com"), "the line's content is not echoed");
    }
}
