using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>
/// Reads the standard output of <c>docker buildx bake --call=check</c> (buildx 0.36: per target, a line with its name,
/// then <c>Check complete, no warnings found.</c> or <c>Check complete, N warning(s) ha(s|ve) been found!</c> with a
/// <c>WARNING: Rule - url</c> block per warning, or <c>error: …</c> when the Dockerfile cannot be checked).
/// </summary>
internal static partial class BakeCheckParser
{
    /// <summary>The result per target, in <paramref name="targets"/> order; a target buildx said nothing about has neither count nor error.</summary>
    /// <param name="lines">buildx's standard output.</param>
    /// <param name="targets">The targets checked (a section starts at a line that is one of them).</param>
    /// <returns>One result per target.</returns>
    public static IReadOnlyList<BakeTargetCheck> Parse(IEnumerable<string> lines, IReadOnlyCollection<string> targets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(targets);
        var found = new Dictionary<string, (int? Warnings, List<string> Rules, string? Error)>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines.Select(line => line.TrimEnd()))
        {
            if (targets.Contains(line, StringComparer.Ordinal))
            {
                current = line;
                found[current] = (null, [], null);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            var (warnings, rules, error) = found[current];
            if (line == "Check complete, no warnings found.")
            {
                warnings = 0;
            }
            else if (Complete().Match(line) is { Success: true } complete)
            {
                warnings = int.Parse(complete.Groups["count"].Value, CultureInfo.InvariantCulture);
            }
            else if (Rule().Match(line) is { Success: true } rule && !rules.Contains(rule.Groups["rule"].Value))
            {
                rules.Add(rule.Groups["rule"].Value);
            }
            else if (error is null && line.StartsWith("error: ", StringComparison.Ordinal))
            {
                error = line["error: ".Length..];
            }

            found[current] = (warnings, rules, error);
        }

        return [.. targets.Select(target => found.TryGetValue(target, out var result)
            ? new BakeTargetCheck(target, result.Error is null ? result.Warnings : null, [.. result.Rules], result.Error)
            : new BakeTargetCheck(target, null, [], null))];
    }

    [GeneratedRegex(@"^Check complete, (?<count>\d+) warnings? ha(?:s|ve) been found!$")]
    private static partial Regex Complete();

    [GeneratedRegex(@"^WARNING: (?<rule>[A-Za-z0-9]+) - ")]
    private static partial Regex Rule();
}
