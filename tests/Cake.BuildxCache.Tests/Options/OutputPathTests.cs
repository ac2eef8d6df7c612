using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>A file the build writes (<c>--metadata-file</c>) is checked before the build, not found wrong after it.</summary>
public sealed class OutputPathTests
{
    [TestCase("artifacts/meta.json", null)]
    [TestCase("meta.json", null)]
    [TestCase("ünï/日本.json", null)]
    [TestCase("out/\nmeta.json", "holds a control character")]
    [TestCase("meta\u001b[31m.json", "holds a control character")]
    [TestCase("out/", "names a folder")]
    [TestCase("out\\", "names a folder")]
    public void A_path_is_refused_only_for_what_no_file_system_takes(string path, string? problem)
    {
        var found = OptionFormats.CheckOutputPath(path);

        Assert.That(found, problem is null ? Is.Null : Does.StartWith(problem));
    }

    [Test]
    public void A_name_longer_than_255_bytes_is_refused_and_255_is_taken()
    {
        Assert.That(OptionFormats.CheckOutputPath("out/" + new string('x', 255)), Is.Null);
        Assert.That(OptionFormats.CheckOutputPath("out/" + new string('x', 256)), Does.StartWith("has a file or folder name longer than 255 bytes"));
        Assert.That(OptionFormats.CheckOutputPath(new string('é', 128)), Does.StartWith("has a file or folder name longer"), "bytes, not characters");
    }
}
