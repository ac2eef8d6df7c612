using System.Security.Cryptography;
using System.Text;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// The content of the build context files a <c>COPY</c> or <c>ADD</c> reads, as one digest: its sources resolved as
/// BuildKit resolves them (a file, a folder and everything in it, <c>.</c> for the whole context, a <c>*</c>/<c>?</c>
/// pattern within path elements), minus what the <c>.dockerignore</c> keeps out; the digest covers each file's path and
/// content, not times or modes.
/// </summary>
internal static class ContextFiles
{
    /// <summary>The digest of the files <paramref name="sources"/> name, or null when they cannot be resolved here.</summary>
    /// <param name="context">The build context's folder.</param>
    /// <param name="dockerignore">The <c>.dockerignore</c>'s text, or null.</param>
    /// <param name="sources">The instruction's sources, as written.</param>
    /// <returns><c>sha256:…</c>, or null (a source that is not there, a character class or an escape in a pattern).</returns>
    public static string? Digest(string context, string? dockerignore, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sources);
        if (!Directory.Exists(context))
        {
            return null;
        }

        var files = Directory.EnumerateFiles(context, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(context, file).Replace('\\', '/'))
            .Where(file => !Dockerignore.Excludes(dockerignore, file))
            .ToList();
        var read = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in sources)
        {
            var source = raw.TrimStart('/');
            while (source.StartsWith("./", StringComparison.Ordinal))
            {
                source = source[2..];
            }

            source = source.TrimEnd('/');
            if (source.IndexOfAny(['[', '\\']) >= 0 || source.Split('/').Contains(".."))
            {
                return null;
            }

            // A pattern or a path names a file, or a folder and what it holds: the same matching as a .dockerignore line.
            var matched = source is "" or "." ? files : files.Where(file => Dockerignore.Excludes(source, file)).ToList();
            if (matched.Count == 0)
            {
                return null;
            }

            read.UnionWith(matched);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in read)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            using var stream = File.OpenRead(Path.Combine(context, file));
            hash.AppendData(SHA256.HashData(stream));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
