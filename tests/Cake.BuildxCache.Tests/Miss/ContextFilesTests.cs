using Cake.BuildxCache.Miss;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The digest of the context files a COPY reads, on a real folder.</summary>
public sealed class ContextFilesTests
{
    private string _context = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _context = Directory.CreateTempSubdirectory("context-files-").FullName;
        Write("app.csproj", "<Project />");
        Write("Program.cs", "class P {}");
        Write("src/Order.cs", "class O {}");
        Write("bin/Debug/app.dll", "dll");
        Write("README.md", "read me");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_context, recursive: true);

    [Test]
    public void A_file_not_copied_or_kept_out_by_the_dockerignore_does_not_change_the_digest_and_a_copied_one_does()
    {
        const string ignore = "bin/\n*.md\n";
        var csproj = ContextFiles.Digest(_context, ignore, ["app.csproj"]);
        var all = ContextFiles.Digest(_context, ignore, ["."]);
        Assert.That(csproj, Does.Match("^sha256:[0-9a-f]{64}$"));

        Write("Program.cs", "class P { int x; }");
        Write("bin/Debug/app.dll", "dll2");
        Write("README.md", "read me again");
        Assert.That(ContextFiles.Digest(_context, ignore, ["app.csproj"]), Is.EqualTo(csproj), "Program.cs is not app.csproj");
        var changed = ContextFiles.Digest(_context, ignore, ["."]);
        Assert.That(changed, Is.Not.EqualTo(all), "COPY . reads Program.cs");

        Write("README.md", "and again");
        Write("bin/Release/new.dll", "new");
        Assert.That(ContextFiles.Digest(_context, ignore, ["./"]), Is.EqualTo(changed), "bin/ and *.md are kept out");
    }

    [Test]
    public void A_folder_and_a_pattern_read_what_they_name_and_a_missing_source_is_unknown()
    {
        var folder = ContextFiles.Digest(_context, null, ["src/"]);
        var pattern = ContextFiles.Digest(_context, null, ["*.csproj"]);
        Write("Program.cs", "changed");
        Assert.That((ContextFiles.Digest(_context, null, ["src"]), ContextFiles.Digest(_context, null, ["*.csproj"])), Is.EqualTo((folder, pattern)));
        Write("src/Order.cs", "changed");
        Assert.That(ContextFiles.Digest(_context, null, ["src"]), Is.Not.EqualTo(folder));
        Assert.That(ContextFiles.Digest(_context, null, ["missing.txt"]), Is.Null);
        Assert.That(ContextFiles.Digest(_context, null, ["[ab].cs"]), Is.Null, "a character class is not read here");
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(_context, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
