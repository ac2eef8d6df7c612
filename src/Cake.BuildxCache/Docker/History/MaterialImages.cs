namespace Cake.BuildxCache.Docker.History;

/// <summary>
/// The base images among a build's materials (provenance's <c>pkg:docker/…</c> package URLs), by the name BuildKit gives
/// them: the URL's namespace/name and version (the tag) decoded, <c>host/repository:tag</c> or <c>busybox:latest</c>.
/// </summary>
internal static class MaterialImages
{
    /// <summary>The images and their digests (several platforms' digests joined by commas, sorted).</summary>
    /// <param name="materials">Each material's URI and digests (<c>sha256:…</c>).</param>
    /// <returns>Image to digests.</returns>
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<(string Uri, IEnumerable<string> Digests)> materials)
    {
        ArgumentNullException.ThrowIfNull(materials);
        var images = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (uri, digests) in materials)
        {
            if (ImageOf(uri) is not { } image)
            {
                continue;
            }

            foreach (var digest in digests.Where(digest => digest.StartsWith("sha256:", StringComparison.Ordinal)))
            {
                if (!images.TryGetValue(image, out var set))
                {
                    images[image] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(digest);
            }
        }

        return new SortedDictionary<string, string>(images.ToDictionary(pair => pair.Key, pair => string.Join(",", pair.Value)), StringComparer.Ordinal);
    }

    private static string? ImageOf(string purl)
    {
        const string prefix = "pkg:docker/";
        if (!purl.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = purl[prefix.Length..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        rest = query < 0 ? rest : rest[..query];
        var at = rest.LastIndexOf('@');
        var name = Uri.UnescapeDataString(at < 0 ? rest : rest[..at]);
        var version = at < 0 ? string.Empty : Uri.UnescapeDataString(rest[(at + 1)..]);
        return name.Length == 0 ? null : version.Length == 0 || version.Contains(':', StringComparison.Ordinal) ? name : name + ":" + version;
    }
}
