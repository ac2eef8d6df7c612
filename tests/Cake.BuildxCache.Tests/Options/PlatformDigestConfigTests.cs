using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// <c>--platform-digest</c> in cake.config, whose item keys are platforms (<c>linux/amd64</c>, a <c>/</c> inside), read
/// by Cake 7's own configuration reading (the official runner's and our host's, <see cref="ConfigHosts"/>): one key per
/// platform, as docs/several-architectures.md gives it. All in the option's own key
/// (<c>PlatformDigest=linux/amd64=sha256:…</c>) cannot be: Cake's parser refuses a <c>=</c> in a value.
/// </summary>
public sealed class PlatformDigestConfigTests
{
    private const string Amd64 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string I386 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static readonly KeyValuePair<string, string>[] Expected = [new("linux/amd64", Amd64), new("linux/386", I386)];

    [TestCase("official runner", "PlatformDigest.linux/amd64=" + Amd64 + "\nPlatformDigest.linux/386=" + I386)]
    [TestCase("our host", "PlatformDigest.linux/amd64=" + Amd64 + "\nPlatformDigest.linux/386=" + I386)]
    public void A_platform_digest_reads_from_cake_config_one_key_per_platform(string host, string lines)
    {
        using var directory = new TemporaryDirectory();
        directory.Write("cake.config", "[Buildx]\nPlatform=linux/amd64,linux/386\n" + lines + "\n");
        var hosts = new ConfigHosts(directory.Path);

        var options = hosts.ReadOptions(host == "our host" ? hosts.OurHost() : hosts.OfficialRunner());

        Assert.That(options.ReadProblems, Is.Empty);
        Assert.That(options.PlatformDigests, Is.EquivalentTo(Expected));
        Assert.That(BuildxCacheOptionsValidator.Validate(options with { Image = "registry.example.com/app" }, isCI: false), Is.Empty);
    }
}
