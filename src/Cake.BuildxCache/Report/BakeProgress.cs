using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Report;

/// <summary>
/// One target's part of <c>docker buildx bake</c>'s plain progress: bake labels each step with its target
/// (<c>#11 [api shared 3/3] RUN …</c>, <c>#18 [api] exporting cache to registry</c>); the target's own steps are kept, the
/// label without the target's name, as <c>docker buildx build</c> would have printed them, so the single build's parser
/// reads them. BuildKit solves a stage two targets share once and labels it with one of them: that target's part
/// holds it (each image's counts come from its own BuildKit record, which holds every step it used). Pure.
/// </summary>
internal static partial class BakeProgress
{
    /// <summary>The lines of <paramref name="target"/>'s steps, relabelled as a single build's.</summary>
    /// <param name="lines">The bake's plain progress.</param>
    /// <param name="target">The target's name.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> ForTarget(IEnumerable<string> lines, string target)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(target);
        var own = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var line in lines)
        {
            var labelled = Labelled().Match(line);
            if (labelled.Success)
            {
                var vertex = labelled.Groups["vertex"].Value;
                var words = labelled.Groups["label"].Value.Split(' ', 2);
                if (words[0] != target)
                {
                    continue;
                }

                own.Add(vertex);
                var rest = labelled.Groups["rest"].Value;
                kept.Add(words.Length > 1 ? $"{vertex} [{words[1]}] {rest}" : $"{vertex} {rest}");
                continue;
            }

            var step = Step().Match(line);
            if (step.Success && own.Contains(step.Groups["vertex"].Value))
            {
                kept.Add(line);
            }
        }

        return kept;
    }

    [GeneratedRegex(@"^(?<vertex>#\d+) \[(?<label>[^\]]+)\] ?(?<rest>.*)$")]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^(?<vertex>#\d+) ")]
    private static partial Regex Step();
}
