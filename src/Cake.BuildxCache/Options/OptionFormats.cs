using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Options;

/// <summary>The formats option values must have; each check returns what is wrong, or null.</summary>
public static partial class OptionFormats
{
    private static readonly Dictionary<string, string[]> Architectures = new(StringComparer.Ordinal)
    {
        ["amd64"] = ["v1", "v2", "v3", "v4"],
        ["arm64"] = ["v8", "v9"],
        ["arm"] = ["v5", "v6", "v7", "v8"],
        ["386"] = [],
        ["ppc64le"] = [],
        ["ppc64"] = [],
        ["s390x"] = [],
        ["riscv64"] = [],
        ["mips"] = [],
        ["mipsle"] = [],
        ["mips64"] = [],
        ["mips64le"] = [],
        ["loong64"] = [],
        ["wasm"] = [],
    };

    private static readonly HashSet<string> OperatingSystems = new(StringComparer.Ordinal)
    {
        "linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly", "solaris", "illumos", "aix",
        "android", "ios", "plan9", "js", "wasip1",
    };

    private static readonly Dictionary<string, string> ArchitectureAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["x86_64"] = "amd64",
        ["x86-64"] = "amd64",
        ["aarch64"] = "arm64",
        ["armhf"] = "arm/v7",
        ["armel"] = "arm/v6",
        ["i386"] = "386",
        ["x86"] = "386",
    };

    /// <summary>The progress modes buildx knows.</summary>
    public static IReadOnlyList<string> ProgressModes { get; } = ["auto", "plain", "tty", "quiet", "rawjson"];

    /// <summary>The builder drivers buildx knows.</summary>
    public static IReadOnlyList<string> BuilderDrivers { get; } = ["docker-container", "docker", "kubernetes", "remote"];

    /// <summary>The ulimit names docker knows (<c>github.com/docker/go-units</c>, <c>ulimitNameMapping</c>).</summary>
    public static IReadOnlySet<string> UlimitNames { get; } = new[] { "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Checks a platform: <c>os/arch[/variant]</c> from known values (or buildx's <c>local</c>).</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckPlatform(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (platform == "local")
        {
            return null;
        }

        var parts = platform.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(part => part.Length == 0))
        {
            return "must be os/arch[/variant], e.g. linux/amd64 or linux/arm/v7";
        }

        if (!OperatingSystems.Contains(parts[0]))
        {
            return $"has unknown os '{parts[0]}' (known: {string.Join(", ", OperatingSystems.Order(StringComparer.Ordinal))})";
        }

        if (!Architectures.TryGetValue(parts[1], out var variants))
        {
            return ArchitectureAliases.TryGetValue(parts[1], out var alias)
                ? $"has architecture '{parts[1]}': docker calls it {alias} (write {parts[0]}/{alias})"
                : $"has unknown architecture '{parts[1]}' (known: {string.Join(", ", Architectures.Keys)})";
        }

        if (parts.Length == 3 && !variants.Contains(parts[2], StringComparer.Ordinal))
        {
            return variants.Length == 0
                ? $"has a variant '{parts[2]}' but {parts[1]} has none"
                : $"has unknown variant '{parts[2]}' for {parts[1]} (known: {string.Join(", ", variants)})";
        }

        return null;
    }

    /// <summary>Checks a Go duration as <c>--filter until=</c> takes it: <c>72h</c>, <c>1h30m</c>, <c>90m</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckDuration(string duration)
    {
        ArgumentNullException.ThrowIfNull(duration);
        if (duration.StartsWith('-'))
        {
            return "must not be negative";
        }

        if (DayPattern().IsMatch(duration))
        {
            return "uses days, which Go durations do not have: write hours, e.g. 72h for 3 days";
        }

        return DurationPattern().IsMatch(duration)
            ? null
            : "is not a duration: a number with a unit h, m, s, ms, us or ns, e.g. 72h or 1h30m";
    }

    /// <summary>A days value (<c>7d</c>) written as the hours a Go duration takes (<c>168h</c>), or null when it is not one.</summary>
    /// <param name="duration">The text.</param>
    /// <returns>The hours, or null.</returns>
    public static string? DaysAsHours(string duration)
    {
        ArgumentNullException.ThrowIfNull(duration);
        return DayPattern().IsMatch(duration)
            ? (double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture) * 24).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "h"
            : null;
    }

    /// <summary>
    /// Reads a Go duration (<c>168h</c>, <c>1h30m</c>, <c>90m</c>, <c>1.5h</c>; units h, m, s, ms, us/µs, ns), as
    /// <see cref="CheckDuration"/> accepts it.
    /// </summary>
    /// <param name="duration">The text.</param>
    /// <param name="value">The duration when the text is one.</param>
    /// <returns>True when <paramref name="duration"/> is a duration.</returns>
    public static bool TryParseDuration(string duration, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(duration);
        value = TimeSpan.Zero;
        if (!DurationPattern().IsMatch(duration))
        {
            return false;
        }

        double ticks = 0;
        foreach (Match part in DurationPart().Matches(duration))
        {
            var number = double.Parse(part.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            ticks += number * part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                _ => TimeSpan.TicksPerMicrosecond / 1000.0,
            };
        }

        if (ticks >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Checks a size as docker takes it: bytes, or a number with a unit <c>KB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c> (or <c>KiB</c>…, any case).</summary>
    /// <param name="size">The size.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckSize(string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        if (size.StartsWith('-'))
        {
            return "must not be negative";
        }

        if (!SizePattern().IsMatch(size))
        {
            return "is not a size: a number with an optional unit B, KB, MB, GB, TB (or KiB, MiB, GiB), e.g. 10GB";
        }

        // buildx reads sizes into 64 bits (powers of 1024): a larger one overflows into a limit nobody meant.
        return Bytes(size) >= long.MaxValue ? "is larger than a size can be (buildx reads at most 8 EiB)" : null;
    }

    /// <summary>A size <see cref="CheckSize"/> accepts, in bytes (units are powers of 1024), or null when it is no size.</summary>
    /// <param name="size">The size.</param>
    /// <returns>The bytes.</returns>
    public static long? SizeInBytes(string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        return CheckSize(size) is null ? (long)Bytes(size) : null;
    }

    private static double Bytes(string size)
    {
        var number = double.Parse(NumberPart().Match(size).Value, System.Globalization.CultureInfo.InvariantCulture);
        var unit = size.TrimEnd('b', 'B', 'i', 'I').LastOrDefault();
        var exponent = "kmgtp".IndexOf(char.ToLowerInvariant(unit), StringComparison.Ordinal) + 1;
        return number * Math.Pow(1024, exponent);
    }

    /// <summary>True for a buildx builder name: a letter, then letters, digits, <c>.</c>, <c>_</c> or <c>-</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsBuilderName(string name) => BuilderNamePattern().IsMatch(name);

    /// <summary>What is wrong with a file path the build writes (a control character, a folder, a name longer than a file system takes), or null.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The problem, or null.</returns>
    public static string? CheckOutputPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Any(char.IsControl))
        {
            return "holds a control character (a newline, a tab or an escape)";
        }

        if (path.EndsWith('/') || path.EndsWith('\\'))
        {
            return "names a folder (it ends with a separator): name the file";
        }

        // 255 bytes is the longest file or folder name Linux, macOS and Windows file systems take.
        return path.Split('/', '\\').Any(part => System.Text.Encoding.UTF8.GetByteCount(part) > 255)
            ? "has a file or folder name longer than 255 bytes"
            : null;
    }

    /// <summary>True for a Dockerfile stage name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsStageName(string name) => BuilderNamePattern().IsMatch(name);

    /// <summary>True for a build argument name: a letter or <c>_</c>, then letters, digits or <c>_</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsBuildArgName(string name) => BuildArgPattern().IsMatch(name);

    /// <summary>True for a secret or SSH id: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsSecretId(string id) => SecretIdPattern().IsMatch(id);

    /// <summary>True for a git commit sha (7 to 64 lowercase hex digits).</summary>
    /// <param name="sha">The sha.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsSha(string sha) => ShaPattern().IsMatch(sha);

    /// <summary>Checks a branch name against git's ref-name rules (the parts that matter here).</summary>
    /// <param name="name">The branch name.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckBranchName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith("refs/", StringComparison.Ordinal))
        {
            return "must be a branch name, not a full ref (drop 'refs/heads/')";
        }

        return BadRefPattern().IsMatch(name) || name.StartsWith('-') || name.EndsWith('/') || name.EndsWith(".lock", StringComparison.Ordinal) || name.StartsWith('/')
            ? "is not a valid git branch name (no spaces, '..', '~', '^', ':', '?', '*', '[', '\\' or control characters)"
            : null;
    }

    [GeneratedRegex(@"^\d+(?:\.\d+)?d$", RegexOptions.CultureInvariant)]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(?<number>\d+(?:\.\d+)?)(?<unit>ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^\d+(?:\.\d+)?\s*(?:[kmgtp]i?b?|b)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BuilderNamePattern();

    [GeneratedRegex(@"^\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPart();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildArgPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretIdPattern();

    [GeneratedRegex(@"^[0-9a-f]{7,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPattern();

    [GeneratedRegex(@"\.\.|[\s~^:?*\[\\\x00-\x1f\x7f]|@\{|//|/\.", RegexOptions.CultureInvariant)]
    private static partial Regex BadRefPattern();
}
