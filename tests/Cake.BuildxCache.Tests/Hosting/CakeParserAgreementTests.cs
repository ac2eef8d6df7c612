using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;
using Cake.Core;
using Cake.Core.Configuration;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>
/// Our reader against Cake 7's own configuration parser (the real assembly, as the official runner calls it), file by
/// file around the edges of Cake's grammar: what Cake refuses, ours refuses first; what ours accepts, Cake reads to the
/// same values, and so does our host.
/// </summary>
public sealed class CakeParserAgreementTests
{
    // The text, and whether our reader accepts it.
    [TestCase("[Buildx]\nImage=registry.example.com/app\n", true)]
    [TestCase("; comment\n\n  [Buildx]   ; trailing comment\n\tImage=  spaced\nTitle=trailing  \n", true)]
    [TestCase("Top=1\n[Buildx]\nBuildArg.NODE_VERSION=22\nDriverOpt.network=host\nLabel.org.opencontainers.image.vendor=Acme Corp\n", true)]
    [TestCase("[Buildx]\r\nImage=crlf\r\nContext=src\r\n", true)]
    [TestCase("[Buildx]\rImage=cr-only\rContext=src\r", true)]
    [TestCase("[Buildx]\nTitle=semi;colon # and hash\n", true)]
    [TestCase("[Buildx]\nTitle=a\u2028b\n", true)]
    [TestCase("[Buildx]\nContext=%HOME%/src\n", true)]
    [TestCase("[Buildx]\n[Settings]\nVerbosity=Diagnostic\n[Buildx]\nImage=x\n", true)]
    [TestCase("[Buildx]\nDriverOpt=network=host\n", false)]
    [TestCase("[Buildx]\nBuildArg=A=1\n", false)]
    [TestCase("[Buildx]\nLabel=x=y\n", false)]
    [TestCase("[Buildx]\nBuildArg.A=x=y\n", false)]
    [TestCase("[Buildx]\nImage = spaced-key\n", false)]
    [TestCase("[Buildx]\nTwo Words=x\n", false)]
    [TestCase("[Buildx]\n# comment\n", false)]
    [TestCase("[Buildx]\n#Image=commented-out\n", false)]
    [TestCase("[Buildx]\nImage=\nnext-line\n", false)]
    [TestCase("[Buildx]\nImage=\n", false)]
    [TestCase("[Buildx]\nImage\n=x\n", false)]
    [TestCase("[Buildx]\nImage=;x\nContext=y\n", false)]
    [TestCase("[Buildx]\nImage=[x]\n", false)]
    [TestCase("[Buildx] Image=same-line\n", false)]
    [TestCase("[Buildx\nImage=x\n", false)]
    [TestCase("[Two Words]\nImage=x\n", false)]
    [TestCase("[Buildx]\nImage=a\nIMAGE=b\n", false)]
    [TestCase("=x\n", false)]
    public void What_Cake_refuses_ours_refuses_first_and_what_ours_accepts_reads_the_same_under_both_hosts(string text, bool accepted)
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", text);
        var hosts = new ConfigHosts(directory.Path, new Dictionary<string, string> { ["HOME"] = "/home/ci" });
        ICakeConfiguration? cake = null;
        string? cakeError = null;
        try
        {
            cake = hosts.OfficialRunner();
        }
        catch (InvalidOperationException exception)
        {
            cakeError = exception.Message;
        }

        IReadOnlyList<ConfigEntry>? ours = null;
        try
        {
            ours = ConfigFile.Parse("cake.config", text);
        }
        catch (CakeException)
        {
        }

        Assert.That(ours is not null, Is.EqualTo(accepted), "our reader");
        if (cakeError is not null)
        {
            Assert.That(ours, Is.Null, $"Cake refuses the file ({cakeError}): ours must refuse it first");
            return;
        }

        if (ours is null)
        {
            return; // Cake reads it, but not as it looks: refused as a misread.
        }

        var host = hosts.OurHost();
        foreach (var entry in ours)
        {
            var expected = cake!.GetValue(entry.Key);
            Assert.That(expected, Is.EqualTo(entry.Value.Replace("%HOME%", "/home/ci", StringComparison.Ordinal)), $"Cake's value of {entry.Key}");
            Assert.That(host.GetValue(entry.Key), Is.EqualTo(expected), $"our host's value of {entry.Key}");
        }
    }

    [TestCase("DriverOpt=network=host", "e.g. DriverOpt.network=host")]
    [TestCase("BuildArg=A=1", "e.g. BuildArg.NODE_VERSION=22")]
    [TestCase("Label=x=y", "e.g. Label.com.example.team=platform")]
    public void The_old_form_stops_Cakes_own_parser_bare_and_our_host_first_with_the_fix(string line, string fix)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("cake.config", "[Buildx]\n" + line + "\n");
        var hosts = new ConfigHosts(directory.Path);

        Assert.That(() => hosts.OfficialRunner(), Throws.InvalidOperationException.With.Message.EqualTo("Encountered unexpected token."));
        Assert.That(() => hosts.OurHost(), Throws.TypeOf<CakeException>().With.Message.EqualTo(
            $"{file}, line 2, has '=' in its value, which Cake's configuration parser does not accept: write one key per item, the item's key after a dot, {fix}."));
    }
}
