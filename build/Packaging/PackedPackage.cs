using System.IO.Compression;
using System.Xml.Linq;

namespace Build.Packaging;

/// <summary>
/// A package Pack wrote, as a feed names it: the id in its <c>.nuspec</c> and the version without its build metadata
/// (<c>0.1.0-alpha.256</c> for <c>0.1.0-alpha.256+1a2b3c4</c>), as in the <c>.nupkg</c>'s file name.
/// </summary>
/// <param name="Id">The package id, e.g. <c>Cake.BuildxCache</c>.</param>
/// <param name="Version">The version without build metadata, e.g. <c>0.1.0-alpha.256</c>.</param>
public sealed record PackedPackage(string Id, string Version)
{
    /// <summary>The line a Cake script loads the package with.</summary>
    public string AddinLine => $"#addin nuget:?package={Id}&version={Version}";

    /// <summary>The line a project references the package with.</summary>
    public string PackageReference => $"<PackageReference Include=\"{Id}\" Version=\"{Version}\" />";

    /// <summary>Reads the id and version from the <c>.nuspec</c> inside <paramref name="nupkg"/>.</summary>
    /// <param name="nupkg">The path of a <c>.nupkg</c> file.</param>
    /// <returns>The package's identity.</returns>
    public static PackedPackage Read(string nupkg)
    {
        using var archive = ZipFile.OpenRead(nupkg);
        var entry = archive.Entries.Single(item => !item.FullName.Contains('/', StringComparison.Ordinal) && item.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value.Trim();
        return new PackedPackage(Field("id"), Field("version").Split('+')[0]);
    }
}
