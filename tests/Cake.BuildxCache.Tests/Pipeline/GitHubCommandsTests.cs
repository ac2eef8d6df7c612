using Cake.BuildxCache.Pipeline;

namespace Cake.BuildxCache.Tests.Pipeline;

public sealed class GitHubCommandsTests
{
    [Test]
    public void A_value_is_masked_with_one_command()
    {
        Assert.That(GitHubCommands.AddMask("s3cr3t"), Is.EqualTo(new[] { "::add-mask::s3cr3t" }));
    }

    [Test]
    public void Each_line_of_a_multi_line_value_is_masked_on_its_own()
    {
        Assert.That(GitHubCommands.AddMask("-----BEGIN KEY-----\r\nabc%def\n\n   \nabc%def\n-----END KEY-----\n"), Is.EqualTo(new[]
        {
            "::add-mask::-----BEGIN KEY-----",
            "::add-mask::abc%25def",
            "::add-mask::-----END KEY-----",
        }));
    }

    [TestCase("")]
    [TestCase("\n \n")]
    public void An_empty_value_masks_nothing(string value)
    {
        Assert.That(GitHubCommands.AddMask(value), Is.Empty);
    }

    [Test]
    public void Command_data_cannot_break_out_of_its_line()
    {
        Assert.That(GitHubCommands.Group("a\n::endgroup::\r100%"), Is.EqualTo("::group::a%0A::endgroup::%0D100%25"));
        Assert.That(GitHubCommands.EscapeData("%0A"), Is.EqualTo("%250A"));
    }
}
