using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Policy;

public sealed class ReportProgressModeTests
{
    private static readonly BuildxVersion Old = BuildxVersion.Parse("github.com/docker/buildx v0.10.5 86bdced");
    private static readonly BuildxVersion New = BuildxVersion.Parse("github.com/docker/buildx v0.17.1-desktop.1 5cd5d2f");

    [TestCase(null)]
    [TestCase("")]
    [TestCase("auto")]
    [TestCase("plain")]
    [TestCase(" Plain ")]
    public void Unset_auto_and_plain_give_plain_with_a_report(string? requested)
    {
        Assert.That(ReportProgressMode.Choose(requested, Old), Is.EqualTo(new ReportProgressMode("plain", true, null)));
        Assert.That(ReportProgressMode.Choose(requested, New), Is.EqualTo(new ReportProgressMode("plain", true, null)));
    }

    [Test]
    public void Rawjson_is_used_when_asked_and_known_to_buildx()
    {
        Assert.That(ReportProgressMode.Choose("rawjson", New), Is.EqualTo(new ReportProgressMode("rawjson", true, null)));
        Assert.That(ReportProgressMode.Choose("rawjson", null), Is.EqualTo(new ReportProgressMode("rawjson", true, null)));
        Assert.That(ReportProgressMode.Choose("rawjson", Old), Is.EqualTo(new ReportProgressMode("plain", true, "--progress=rawjson needs buildx 0.15 or later (this is v0.10.5): using plain")));
    }

    [TestCase("tty")]
    [TestCase("quiet")]
    public void Tty_and_quiet_are_kept_without_a_report(string requested)
    {
        Assert.That(ReportProgressMode.Choose(requested, New), Is.EqualTo(new ReportProgressMode(requested, false, $"no cache report: --progress={requested} output cannot be read (use plain or rawjson)")));
    }
}
