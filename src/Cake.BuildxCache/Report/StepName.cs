using System.Globalization;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Report;

/// <summary>
/// What a vertex name says about its step. BuildKit's Dockerfile frontend names a stage's steps
/// <c>[platform? stage? n/m] INSTRUCTION …</c> (<c>[slow 2/2] RUN …</c>, <c>[2/2] RUN …</c>,
/// <c>[linux/arm64 build 1/3] FROM …</c>) and its own work <c>[internal] …</c>, <c>[auth] …</c>;
/// cache and export steps carry no label (<c>importing cache manifest from …</c>, <c>exporting to image</c>).
/// </summary>
/// <param name="Kind">What the step is.</param>
/// <param name="Stage">The bracket label without platform and position: the stage name (<c>slow</c>,
/// <c>stage-1</c>; empty for the single unnamed stage of <c>[2/2]</c>), <c>internal</c>, <c>auth</c>; null without a label.</param>
/// <param name="Platform">The platform of a multi-platform build (<c>linux/arm64</c>), or null.</param>
/// <param name="Position">The step's position in its stage (<c>2</c> of <c>2/3</c>), or null.</param>
/// <param name="CacheRef">The cache reference of a <see cref="StepKind.CacheImport"/> step, or null.</param>
internal sealed partial record StepName(StepKind Kind, string? Stage, string? Platform, int? Position, string? CacheRef)
{
    private const string ImportPrefix = "importing cache manifest from ";

    /// <summary>Reads a vertex name; never throws (an unknown shape is <see cref="StepKind.Other"/>).</summary>
    /// <param name="name">The vertex name as printed.</param>
    /// <returns>What the name says.</returns>
    public static StepName Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var label = Label().Match(name);
        if (label.Success)
        {
            return FromLabel(label.Groups["label"].Value, label.Groups["rest"].Value);
        }

        if (name.StartsWith(ImportPrefix, StringComparison.Ordinal))
        {
            return new StepName(StepKind.CacheImport, null, null, null, name[ImportPrefix.Length..].Trim());
        }

        var kind = name switch
        {
            _ when name.StartsWith("exporting cache", StringComparison.Ordinal) => StepKind.CacheExport,
            _ when name.StartsWith("exporting content cache", StringComparison.Ordinal) => StepKind.CacheExport,
            _ when name.StartsWith("exporting to ", StringComparison.Ordinal) => StepKind.ImageExport,
            _ when name.StartsWith("resolve ", StringComparison.Ordinal) => StepKind.Metadata,
            _ when name.StartsWith("resolving ", StringComparison.Ordinal) => StepKind.Metadata,
            _ => StepKind.Other,
        };
        return new StepName(kind, null, null, null, null);
    }

    private static StepName FromLabel(string label, string rest)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        string? platform = null;
        if (words.Count > 1 && PlatformWord().IsMatch(words[0]))
        {
            platform = words[0];
            words.RemoveAt(0);
        }

        int? position = null;
        if (words.Count > 0 && PositionWord().Match(words[^1]) is { Success: true } match)
        {
            position = int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            words.RemoveAt(words.Count - 1);
        }

        var stage = string.Join(' ', words);
        if (position is not null)
        {
            var kind = rest.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase) ? StepKind.BaseImage : StepKind.Build;
            return new StepName(kind, stage, platform, position, null);
        }

        return new StepName(stage == "auth" ? StepKind.Auth : StepKind.Internal, stage, platform, null, null);
    }

    [GeneratedRegex(@"^\[(?<label>[^\]]*)\]\s*(?<rest>.*)$")]
    private static partial Regex Label();

    // os/arch[/variant], as in linux/amd64 or linux/arm/v7; never digits/digits (that is a position).
    [GeneratedRegex(@"^[a-z][a-z0-9]*/[a-z0-9_]+(/[a-z0-9]+)?$")]
    private static partial Regex PlatformWord();

    [GeneratedRegex(@"^(?<n>\d+)/(?<m>\d+)$")]
    private static partial Regex PositionWord();
}
