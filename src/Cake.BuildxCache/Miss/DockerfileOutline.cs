using System.Globalization;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// A Dockerfile read as far as the cache-miss analysis needs: its instructions with their lines, its stages, and which
/// instruction each BuildKit step name (<c>[stage n/m] …</c>) stands for. BuildKit's Dockerfile frontend numbers a
/// stage's steps so: its <c>FROM</c> counts when it starts from an image (not <c>scratch</c>, not an earlier stage), then
/// every <c>RUN</c>, <c>COPY</c>, <c>ADD</c> and <c>WORKDIR</c>; an unnamed stage is labelled <c>stage-N</c>, and a
/// Dockerfile of one unnamed stage has no label. Parser directives, comments, line continuations and heredocs are
/// understood; anything else is kept as written (no variable is expanded).
/// </summary>
/// <param name="Instructions">Every instruction, in order.</param>
/// <param name="Stages">Every stage, in order.</param>
internal sealed partial record DockerfileOutline(IReadOnlyList<DockerfileInstruction> Instructions, IReadOnlyList<DockerfileStage> Stages)
{
    /// <summary>Reads a Dockerfile; never throws (what it cannot read is left out).</summary>
    /// <param name="text">The Dockerfile's text.</param>
    /// <returns>The outline.</returns>
    public static DockerfileOutline Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        var index = 0;

        // Parser directives: comments of the form '# key=value' at the very top.
        for (; index < lines.Length && Directive().Match(lines[index]) is { Success: true } directive; index++)
        {
            if (directive.Groups["key"].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && directive.Groups["value"].Value is { Length: 1 } e)
            {
                escape = e[0];
            }
        }

        var raw = new List<(int Line, string Keyword, string Arguments)>();
        while (index < lines.Length)
        {
            var line = lines[index];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                index++;
                continue;
            }

            var first = index + 1;
            var parts = new List<string>();
            while (true)
            {
                var current = lines[index].TrimEnd();
                index++;
                if (current.EndsWith(escape) && index < lines.Length)
                {
                    parts.Add(current[..^1].Trim());
                    // Comment lines inside a continued instruction are dropped, as BuildKit does.
                    while (index < lines.Length && lines[index].TrimStart().StartsWith('#'))
                    {
                        index++;
                    }

                    continue;
                }

                parts.Add(current.Trim());
                break;
            }

            var joined = string.Join(' ', parts.Where(part => part.Length > 0));
            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : joined[(space + 1)..].Trim();
            raw.Add((first, keyword, arguments));

            // Heredocs (RUN <<EOF … EOF): their bodies are no instructions.
            foreach (Match heredoc in Heredoc().Matches(arguments))
            {
                var word = heredoc.Groups["word"].Value;
                var dash = heredoc.Groups["dash"].Success;
                while (index < lines.Length && (dash ? lines[index].TrimStart('\t') : lines[index]) != word)
                {
                    index++;
                }

                index++;
            }
        }

        return Build(raw);
    }

    /// <summary>The stage a BuildKit step label names (<c>slow</c>, <c>stage-1</c>, empty for a lone unnamed stage), or null.</summary>
    /// <param name="label">The label's stage part.</param>
    /// <returns>The stage.</returns>
    public DockerfileStage? StageLabelled(string? label)
    {
        label ??= string.Empty;
        return Stages.FirstOrDefault(stage => string.Equals(stage.Label(Stages.Count), label, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The instruction of step <paramref name="position"/> of <paramref name="total"/> in the stage labelled <paramref name="label"/>.</summary>
    /// <param name="label">The step label's stage part.</param>
    /// <param name="position">The step's position (<c>n</c> of <c>n/m</c>).</param>
    /// <param name="total">The stage's step count (<c>m</c>), or null when not known; a different count means the Dockerfile is not the one built.</param>
    /// <returns>The instruction, or null when it cannot be told.</returns>
    public DockerfileInstruction? StepAt(string? label, int position, int? total)
    {
        if (StageLabelled(label) is not { } stage || (total is { } m && m != stage.Steps))
        {
            return null;
        }

        return Instructions.FirstOrDefault(instruction => instruction.Stage == stage.Index && instruction.Position == position);
    }

    /// <summary>The instruction a build step of BuildKit's progress names (<c>[build 3/5] RUN …</c>), or null when it cannot be told.</summary>
    /// <param name="stepName">The step's name as printed.</param>
    /// <returns>The instruction.</returns>
    public DockerfileInstruction? InstructionOfStep(string stepName)
    {
        ArgumentNullException.ThrowIfNull(stepName);
        var parsed = StepName.Parse(stepName);
        if (parsed.Kind != StepKind.Build || parsed.Position is not { } position)
        {
            return null;
        }

        var total = StepTotal().Match(stepName) is { Success: true } match
            && int.TryParse(match.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : (int?)null;
        return StepAt(parsed.Stage, position, total);
    }

    /// <summary>The stage and the stages it starts from, nearest first.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The chain.</returns>
    public IEnumerable<DockerfileStage> Chain(DockerfileStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var seen = new HashSet<int>();
        for (DockerfileStage? current = stage; current is not null && seen.Add(current.Index); current = current.BaseStage is { } b ? Stages[b] : null)
        {
            yield return current;
        }
    }

    private static DockerfileOutline Build(List<(int Line, string Keyword, string Arguments)> raw)
    {
        var stages = new List<DockerfileStage>();
        var instructions = new List<DockerfileInstruction>();
        var position = 0;
        foreach (var (line, keyword, arguments) in raw)
        {
            int? step = null;
            if (keyword == "FROM")
            {
                var words = arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
                var image = words.Count > 0 ? words[0] : string.Empty;
                var name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2].ToLowerInvariant() : null;
                var baseStage = stages.LastOrDefault(stage => stage.Name is not null && stage.Name.Equals(image, StringComparison.OrdinalIgnoreCase))?.Index;
                var counts = baseStage is null && !image.Equals("scratch", StringComparison.OrdinalIgnoreCase);
                stages.Add(new DockerfileStage(stages.Count, name, image, line, baseStage, counts ? 1 : 0));
                position = counts ? 1 : 0;
                step = counts ? 1 : null;
            }
            else if (stages.Count > 0 && keyword is "RUN" or "COPY" or "ADD" or "WORKDIR")
            {
                step = ++position;
                stages[^1] = stages[^1] with { Steps = position };
            }

            instructions.Add(new DockerfileInstruction(line, keyword, arguments, stages.Count - 1, step));
        }

        return new DockerfileOutline(instructions, stages);
    }

    [GeneratedRegex(@"^\[[^\]]*?\d+/(?<m>\d+)\]")]
    private static partial Regex StepTotal();

    [GeneratedRegex(@"^#\s*(?<key>[a-zA-Z]+)\s*=\s*(?<value>\S+)\s*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"<<(?<dash>-)?[""']?(?<word>[A-Za-z_][A-Za-z0-9_]*)[""']?")]
    private static partial Regex Heredoc();
}
