using Cake.BuildxCache.Docker.Buildx;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class BuildxVersionTests
{
    [Test]
    public void The_captured_0_10_5_answer_parses_and_still_needs_the_old_config_flag()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");

        var version = fixture.Runner((fs, env, pr, tl) => new BuildxVersionRunner(fs, env, pr, tl)).Run(new BuildxVersionSettings());

        Assert.That(fixture.Arguments, Is.EqualTo("buildx version"));
        Assert.That(version.Module, Is.EqualTo("github.com/docker/buildx"));
        Assert.That(version.Text, Is.EqualTo("v0.10.5"));
        Assert.That(version.Number, Is.EqualTo(new Version(0, 10, 5)));
        Assert.That(version.Suffix, Is.Null);
        Assert.That(version.Revision, Is.EqualTo("86bdced7766639d56baa4c7c449a4f6468490f87"));
        Assert.That(version.SupportsBuildkitdConfigFlag, Is.False);
        Assert.That(version.CreateConfigFlag, Is.EqualTo(BuildxConfigFlag.Config));
    }

    // Constructed from the shapes buildx documents for newer releases and distributions.
    [TestCase("github.com/docker/buildx v0.17.1-desktop.1 5cd5d2f5f8ef9f0b2a4e3d8c1a5e7c5d1e4f8a3b", "0.17.1", "desktop.1", true)]
    [TestCase("github.com/docker/buildx v0.13.0 0de5f1c", "0.13.0", null, true)]
    [TestCase("github.com/docker/buildx v0.13.0-rc1 a1b2c3d", "0.13.0", "rc1", true)]
    [TestCase("github.com/docker/buildx v0.12.1 30feaa1", "0.12.1", null, false)]
    [TestCase("github.com/docker/buildx 0.11.2+ds1 0.11.2+ds1-3", "0.11.2", "ds1", false)]
    [TestCase("github.com/docker/buildx v0.20", "0.20.0", null, true)]
    public void Newer_and_distribution_shapes_parse(string line, string number, string? suffix, bool buildkitdConfig)
    {
        var version = BuildxVersion.Parse(line);

        Assert.That(version.Number, Is.EqualTo(Version.Parse(number)));
        Assert.That(version.Suffix, Is.EqualTo(suffix));
        Assert.That(version.CreateConfigFlag, Is.EqualTo(buildkitdConfig ? BuildxConfigFlag.BuildkitdConfig : BuildxConfigFlag.Config));
    }

    [Test]
    public void Versions_compare_by_number()
    {
        var old = BuildxVersion.Parse("github.com/docker/buildx v0.10.5 86bdced");
        var desktop = BuildxVersion.Parse("github.com/docker/buildx v0.17.1-desktop.1 5cd5d2f");
        var ten = BuildxVersion.Parse("github.com/docker/buildx v0.9.1 ed00243");

        Assert.That(old.CompareTo(desktop), Is.Negative);
        Assert.That(old.CompareTo(ten), Is.Positive, "0.10 is newer than 0.9: numeric, not text, ordering");
        Assert.That(new[] { desktop, old, ten }.Order().Select(v => v.Text), Is.EqualTo(new[] { "v0.9.1", "v0.10.5", "v0.17.1-desktop.1" }));
        Assert.That(old.IsAtLeast(0, 10, 5), Is.True);
        Assert.That(old.IsAtLeast(0, 11), Is.False);
    }

    [Test]
    public void A_warning_line_before_the_version_is_skipped()
    {
        Assert.That(BuildxVersion.TryParse(["WARNING: something odd", "github.com/docker/buildx v0.14.1 59582f7"], out var version), Is.True);
        Assert.That(version!.Text, Is.EqualTo("v0.14.1"));
    }

    [Test]
    public void Text_without_a_version_does_not_parse()
    {
        Assert.That(BuildxVersion.TryParse(["docker: unknown command: docker buildx"], out _), Is.False);
        Assert.Throws<FormatException>(() => BuildxVersion.Parse("Usage: docker [OPTIONS] COMMAND"));
    }

    [Test]
    public void A_successful_answer_without_a_version_is_an_error()
    {
        var fixture = new DockerFixture { Output = ["something else"] };

        var error = Assert.Throws<CakeException>(() =>
            fixture.Runner((fs, env, pr, tl) => new BuildxVersionRunner(fs, env, pr, tl)).Run(new BuildxVersionSettings()));

        Assert.That(error!.Message, Does.Contain("printed no version").And.Contain("something else"));
    }
}
