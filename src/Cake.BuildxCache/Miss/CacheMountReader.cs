using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// Reads the cache mounts (<c>RUN --mount=type=cache,…</c>) of the stages a build builds: the target stage (the last
/// without <c>--target</c>) and every stage it needs (its <c>FROM</c>, <c>COPY --from</c>, <c>RUN --mount=from</c>).
/// A mount's id is what BuildKit's Dockerfile frontend makes it: <c>id=</c>, else the target path cleaned.
/// </summary>
internal static class CacheMountReader
{
    /// <summary>Reads a Dockerfile's cache mounts.</summary>
    /// <param name="dockerfile">The Dockerfile's text.</param>
    /// <param name="target">The stage built (<c>--target</c>), or null for the last.</param>
    /// <returns>The mounts, the global <c>ARG</c>s and the mounts that cannot be carried.</returns>
    public static CacheMountOutline Read(string dockerfile, string? target)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var outline = DockerfileOutline.Parse(dockerfile);
        if (outline.Stages.Count == 0)
        {
            return CacheMountOutline.None;
        }

        var built = StagesBuilt(outline, target);
        var mounts = new List<CacheMountDeclaration>();
        var skipped = new List<string>();
        foreach (var instruction in outline.Instructions.Where(instruction => instruction.Keyword == "RUN" && built.Contains(instruction.Stage)))
        {
            var stage = outline.Stages[instruction.Stage];
            foreach (var options in MountOptions(instruction.Arguments))
            {
                if (!options.TryGetValue("type", out var type) || !type.Equals("cache", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var target2 = options.GetValueOrDefault("target") ?? options.GetValueOrDefault("dst") ?? options.GetValueOrDefault("destination") ?? string.Empty;
                var id = options.TryGetValue("id", out var given) && given.Length > 0 ? given : CleanPath(target2);
                var where = $"line {instruction.Line}";
                if (id.Length == 0)
                {
                    continue;
                }

                if (options.ContainsKey("from") || options.ContainsKey("source") || options.ContainsKey("src"))
                {
                    skipped.Add($"'{id}' ({where}) is based on from=/source=: its content is another stage's, not kept by the builder alone");
                    continue;
                }

                if (id.Contains('$', StringComparison.Ordinal) || id.Any(c => c is ',' or '"' or '\'' || char.IsWhiteSpace(c)))
                {
                    skipped.Add($"'{id}' ({where}) has a variable, a quote, a comma or a space in its id: give it a plain id=");
                    continue;
                }

                if (mounts.FindIndex(mount => mount.Id == id) is var known and >= 0)
                {
                    mounts[known] = mounts[known] with { Lines = [.. mounts[known].Lines, instruction.Line] };
                    continue;
                }

                var root = outline.Chain(stage).Last();
                var baseImage = root.Base.Equals("scratch", StringComparison.OrdinalIgnoreCase) ? null : root.Base;
                mounts.Add(new CacheMountDeclaration(
                    id,
                    target2,
                    options.GetValueOrDefault("sharing")?.ToLowerInvariant() ?? "shared",
                    options.GetValueOrDefault("uid"),
                    options.GetValueOrDefault("gid"),
                    options.GetValueOrDefault("mode"),
                    stage.Label(outline.Stages.Count) is { Length: > 0 } label ? label : "stage-0",
                    instruction.Line,
                    baseImage,
                    [instruction.Line]));
            }
        }

        var globalArgs = outline.Instructions.Where(instruction => instruction.Stage < 0 && instruction.Keyword == "ARG").Select(instruction => instruction.Arguments).ToList();
        return new CacheMountOutline(mounts, globalArgs, skipped);
    }

    /// <summary>What Go's <c>path.Clean</c> makes of a path, as BuildKit cleans a target into an id.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The cleaned path.</returns>
    public static string CleanPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return string.Empty;
        }

        var rooted = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !rooted)
            {
                parts.Add(part);
            }
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : (joined.Length == 0 ? "." : joined);
    }

    private static HashSet<int> StagesBuilt(DockerfileOutline outline, string? target)
    {
        var last = outline.Stages.Count - 1;
        var start = target is { Length: > 0 } ? ByName(outline, target) ?? last : last;
        var built = new HashSet<int>();
        var pending = new Stack<int>([start]);
        while (pending.TryPop(out var index))
        {
            if (!built.Add(index))
            {
                continue;
            }

            var stage = outline.Stages[index];
            if (stage.BaseStage is { } baseStage)
            {
                pending.Push(baseStage);
            }

            foreach (var instruction in outline.Instructions.Where(instruction => instruction.Stage == index && instruction.Keyword is "COPY" or "RUN"))
            {
                foreach (var from in References(instruction))
                {
                    if ((ByName(outline, from) ?? (int.TryParse(from, out var number) && number >= 0 && number < index ? number : null)) is { } other)
                    {
                        pending.Push(other);
                    }
                }
            }
        }

        return built;
    }

    private static int? ByName(DockerfileOutline outline, string name) =>
        outline.Stages.LastOrDefault(stage => stage.Name is not null && stage.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Index;

    private static IEnumerable<string> References(DockerfileInstruction instruction)
    {
        foreach (var word in Flags(instruction.Arguments))
        {
            if (word.StartsWith("--from=", StringComparison.OrdinalIgnoreCase))
            {
                yield return word["--from=".Length..];
            }
        }

        foreach (var options in MountOptions(instruction.Arguments))
        {
            if (options.TryGetValue("from", out var from))
            {
                yield return from;
            }
        }
    }

    // The flags before the command (--mount=…, --from=…): BuildKit reads them only there.
    private static IEnumerable<string> Flags(string arguments) =>
        arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).TakeWhile(word => word.StartsWith("--", StringComparison.Ordinal));

    private static IEnumerable<Dictionary<string, string>> MountOptions(string arguments)
    {
        foreach (var word in Flags(arguments).Where(word => word.StartsWith("--mount=", StringComparison.OrdinalIgnoreCase)))
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in word["--mount=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = field.IndexOf('=', StringComparison.Ordinal);
                options[equals < 0 ? field : field[..equals]] = equals < 0 ? "true" : field[(equals + 1)..].Trim('"');
            }

            yield return options;
        }
    }
}
