using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Tests.Support;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Pipeline;

public sealed class ArtifactFileTests
{
    [Test]
    public void Write_creates_the_folder_and_replaces_the_content_without_a_byte_order_mark()
    {
        using var temp = new TemporaryDirectory();
        var path = new FilePath(System.IO.Path.Combine(temp.Path, "artifacts", "build.env"));

        ArtifactFile.Write(new FileSystem(), path, "IMAGE=old\nIMAGE_DIGEST=sha256:a\n");
        ArtifactFile.Write(new FileSystem(), path, "IMAGE=é\n");

        Assert.That(File.ReadAllBytes(path.FullPath), Is.EqualTo("IMAGE=é\n"u8.ToArray()));
    }

    [Test]
    public void Append_adds_to_what_other_steps_wrote()
    {
        using var temp = new TemporaryDirectory();
        var path = new FilePath(temp.Write("summary.md", "# Earlier step\n"));

        ArtifactFile.Append(new FileSystem(), path, "### Image\n");
        ArtifactFile.Append(new FileSystem(), path, "more\n");

        Assert.That(File.ReadAllText(path.FullPath), Is.EqualTo("# Earlier step\n### Image\nmore\n"));
    }

    [Test]
    public void Append_creates_a_missing_file()
    {
        using var temp = new TemporaryDirectory();
        var path = new FilePath(System.IO.Path.Combine(temp.Path, "new", "summary.md"));

        ArtifactFile.Append(new FileSystem(), path, "x\n");

        Assert.That(File.ReadAllText(path.FullPath), Is.EqualTo("x\n"));
    }
}
