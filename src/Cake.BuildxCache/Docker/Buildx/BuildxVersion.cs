using System.Globalization;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// The parsed answer of <c>docker buildx version</c>, e.g.
/// <c>github.com/docker/buildx v0.10.5 86bdced…</c> or <c>github.com/docker/buildx v0.17.1-desktop.1 5cd5d2f…</c>.
/// Versions compare by <see cref="Number"/> only (the suffix names a distribution, not an order).
/// </summary>
/// <param name="Module">The module path, e.g. <c>github.com/docker/buildx</c>.</param>
/// <param name="Text">The version as printed, e.g. <c>v0.17.1-desktop.1</c>.</param>
/// <param name="Number">The numeric part, always major.minor.patch, e.g. <c>0.17.1</c>.</param>
/// <param name="Suffix">What follows the number without its separator (<c>desktop.1</c>, <c>rc1</c>), or <c>null</c>.</param>
/// <param name="Revision">The git revision, or <c>null</c> when not printed.</param>
public sealed partial record BuildxVersion(string Module, string Text, Version Number, string? Suffix, string? Revision)
    : IComparable<BuildxVersion>
{
    private static readonly Version BuildkitdConfigSince = new(0, 13, 0);

    /// <summary>Gets a value indicating whether <c>create</c> knows <c>--buildkitd-config</c> (buildx 0.13 and later).</summary>
    public bool SupportsBuildkitdConfigFlag => Number >= BuildkitdConfigSince;

    /// <summary>Gets the flag <c>create</c> should be given the buildkitd config file with.</summary>
    public BuildxConfigFlag CreateConfigFlag =>
        SupportsBuildkitdConfigFlag ? BuildxConfigFlag.BuildkitdConfig : BuildxConfigFlag.Config;

    /// <summary>Whether this version is at least <paramref name="major"/>.<paramref name="minor"/>.<paramref name="patch"/>.</summary>
    /// <param name="major">Major version.</param>
    /// <param name="minor">Minor version.</param>
    /// <param name="patch">Patch version.</param>
    /// <returns><c>true</c> when this version is the same or newer.</returns>
    public bool IsAtLeast(int major, int minor, int patch = 0) => Number >= new Version(major, minor, patch);

    /// <inheritdoc />
    public int CompareTo(BuildxVersion? other) => other is null ? 1 : Number.CompareTo(other.Number);

    /// <summary>Parses the output of <c>docker buildx version</c>: the first line that has the shape wins.</summary>
    /// <param name="lines">The output lines.</param>
    /// <param name="version">The version, when found.</param>
    /// <returns><c>true</c> when a version line was found.</returns>
    public static bool TryParse(IEnumerable<string> lines, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BuildxVersion? version)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var match = VersionLine().Match(line.Trim());
            if (match.Success)
            {
                version = FromMatch(match);
                return true;
            }
        }

        version = null;
        return false;
    }

    /// <summary>Parses one line of <c>docker buildx version</c> output.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">The text has no buildx version in it.</exception>
    public static BuildxVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.Split('\n'), out var version)
            ? version
            : throw new FormatException($"Not a 'docker buildx version' answer: '{text.Trim()}'.");
    }

    /// <inheritdoc />
    public override string ToString() => Revision is null ? $"{Module} {Text}" : $"{Module} {Text} {Revision}";

    private static BuildxVersion FromMatch(Match match)
    {
        int Part(string name) => match.Groups[name].Success
            ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture)
            : 0;

        var number = new Version(Part("major"), Part("minor"), Part("patch"));
        var suffix = match.Groups["suffix"].Success ? match.Groups["suffix"].Value[1..] : null;
        var revision = match.Groups["revision"].Success ? match.Groups["revision"].Value : null;
        return new BuildxVersion(match.Groups["module"].Value, match.Groups["text"].Value, number, suffix, revision);
    }

    // module, then [v]MAJOR.MINOR[.PATCH][-suffix|+suffix], then an optional revision.
    [GeneratedRegex(@"^(?<module>\S+)\s+(?<text>v?(?<major>\d+)\.(?<minor>\d+)(?:\.(?<patch>\d+))?(?<suffix>[-+]\S+)?)(?:\s+(?<revision>\S+))?$")]
    private static partial Regex VersionLine();
}
