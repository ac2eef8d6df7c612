using System.Globalization;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The compression of the layers the cache export writes. <c>--cache-compression</c> wins; without it, zstd when the
/// builder is known to run a BuildKit that reads and writes it (0.10 or later: the module's own <c>--buildkit-image</c>
/// on a builder it creates), else BuildKit's own default (gzip). Only the cache's own layers change: the image's layers
/// keep the image output's compression (gzip), so whoever pulls the image needs nothing new. On a fresh runner the
/// cache's largest layers (a dependency restore, a publish output) are unpacked before the first step that misses and
/// packed again for the export, and zstd does both several times faster than gzip.
/// </summary>
internal static partial class CacheCompressionPolicy
{
    private static readonly Version FirstWithZstd = new(0, 10);

    /// <summary>The compression for the cache export, or null for BuildKit's default.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The compression and why.</returns>
    public static (CacheCompression? Compression, string Why) Decide(BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CacheCompression is { } given)
        {
            return (given, $"{Name(given)} ({options.OriginOf(OptionCatalog.CacheCompression)})");
        }

        var createsItsBuildkit = options.BuilderDriver is "docker-container" or "kubernetes";
        if (createsItsBuildkit && VersionOf(options.BuildkitImage) is { } version && version >= FirstWithZstd)
        {
            return (CacheCompression.Zstd, $"zstd (default: the builder runs {options.BuildkitImage}; the image's own layers stay gzip)");
        }

        return (null, createsItsBuildkit
            ? $"gzip, BuildKit's default ({options.BuildkitImage} is not known to write zstd: --cache-compression=zstd chooses it)"
            : $"gzip, BuildKit's default (the {options.BuilderDriver} builder's BuildKit version is not known here: --cache-compression=zstd chooses zstd)");
    }

    private static string Name(CacheCompression compression) => compression.ToString().ToLowerInvariant();

    // The tag of moby/buildkit:v0.32.2 (or …:v0.32.2-rootless, …@sha256:… after it); a tag without a version says nothing.
    private static Version? VersionOf(string image)
    {
        var match = ImageVersion().Match(image);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@":v?(\d+)\.(\d+)(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?(?:@sha256:[0-9a-f]{64})?$")]
    private static partial Regex ImageVersion();
}
