namespace Cake.BuildxCache.Miss;

/// <summary>
/// Which build arguments a cache record may keep a (keyed) digest of: those an <c>ARG</c> of a built stage declares (an
/// argument no built stage declares never reaches the build, so nothing needs comparing), and none whose name says it is
/// a secret (those belong in <c>--secret</c>, and are warned about). Pure.
/// </summary>
internal static class RecordedBuildArgs
{
    // A word that ends with one of these (NPM_TOKEN, GHTOKEN, APIKEY), or is one of the short ones (GITHUB_PAT).
    private static readonly string[] SecretEndings = ["TOKEN", "PASSWORD", "PASSWD", "SECRET", "KEY", "CREDENTIAL", "CREDENTIALS"];
    private static readonly string[] SecretWords = ["PAT", "AUTH", "CREDS", "PRIVATE", "PWD"];

    /// <summary>True when a word of the name (split at <c>_</c>, <c>-</c>, <c>.</c>) ends with TOKEN, PASSWORD, SECRET, KEY, … or is PAT, AUTH, … .</summary>
    /// <param name="name">The build argument's name.</param>
    /// <returns>Whether it looks like a secret's.</returns>
    public static bool LooksSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.ToUpperInvariant())
            .Any(word => SecretWords.Contains(word, StringComparer.Ordinal) || SecretEndings.Any(ending => word.EndsWith(ending, StringComparison.Ordinal)));
    }

    /// <summary>One warning per build argument whose name looks like a secret's, pointing to <c>--secret</c>.</summary>
    /// <param name="buildArgs">The build arguments as passed.</param>
    /// <returns>The warnings.</returns>
    public static IEnumerable<string> SecretWarnings(IEnumerable<KeyValuePair<string, string>> buildArgs)
    {
        ArgumentNullException.ThrowIfNull(buildArgs);
        return buildArgs.Select(pair => pair.Key).Where(LooksSecret).Distinct(StringComparer.Ordinal).Select(name =>
            $"build argument {name} looks like a secret: its value is in buildx's command line and BuildKit's build record, and in the image's history when a RUN of the image sees it; "
            + $"pass it with --secret=id={name.ToLowerInvariant()},env={name} and read it in RUN --mount=type=secret,id={name.ToLowerInvariant()} (the cache record never keeps it)");
    }

    /// <summary>The names of <paramref name="buildArgs"/> that a record may keep.</summary>
    /// <param name="buildArgs">The build arguments as passed.</param>
    /// <param name="outline">The Dockerfile, or null when it could not be read (then none: what is declared is not known).</param>
    /// <param name="target">The target stage (<c>--stage</c>), or null for the last.</param>
    /// <returns>The names, in the order given.</returns>
    public static IReadOnlyList<string> Names(IEnumerable<KeyValuePair<string, string>> buildArgs, DockerfileOutline? outline, string? target)
    {
        ArgumentNullException.ThrowIfNull(buildArgs);
        if (outline is null)
        {
            return [];
        }

        var declared = Declared(outline, target);
        return [.. buildArgs.Select(pair => pair.Key).Where(name => declared.Contains(name) && !LooksSecret(name)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The names the <c>ARG</c>s of the built stages declare: the target and every stage it starts from or copies/mounts from.</summary>
    private static HashSet<string> Declared(DockerfileOutline outline, string? target)
    {
        var built = BuiltStages(outline, target);
        return outline.Instructions
            .Where(instruction => instruction.Keyword == "ARG" && built.Contains(instruction.Stage))
            .SelectMany(instruction => instruction.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(word => word.Split('=', 2)[0])
            .Where(name => name.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<int> BuiltStages(DockerfileOutline outline, string? target)
    {
        var built = new HashSet<int>();
        if (outline.Stages.Count == 0)
        {
            return built;
        }

        var start = target is null ? outline.Stages[^1] : outline.Stages.LastOrDefault(stage => string.Equals(stage.Name, target, StringComparison.OrdinalIgnoreCase));
        var pending = new Stack<int>();
        if (start is null)
        {
            // A target the outline does not know: every stage, rather than guess.
            return [.. outline.Stages.Select(stage => stage.Index)];
        }

        pending.Push(start.Index);
        while (pending.TryPop(out var index))
        {
            if (!built.Add(index))
            {
                continue;
            }

            if (outline.Stages[index].BaseStage is { } baseStage)
            {
                pending.Push(baseStage);
            }

            foreach (var from in outline.Instructions.Where(instruction => instruction.Stage == index && instruction.Keyword is "COPY" or "ADD" or "RUN").SelectMany(instruction => FromStages(outline, instruction.Arguments, index)))
            {
                pending.Push(from);
            }
        }

        return built;
    }

    /// <summary>The earlier stages named by <c>--from=</c> (COPY) or <c>from=</c> in a <c>--mount</c> (RUN), by name or index.</summary>
    private static IEnumerable<int> FromStages(DockerfileOutline outline, string arguments, int before)
    {
        foreach (var word in arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(word => word.StartsWith("--", StringComparison.Ordinal)))
        {
            var options = word.StartsWith("--mount=", StringComparison.OrdinalIgnoreCase) ? word["--mount=".Length..].Split(',') : [word[2..]];
            foreach (var option in options)
            {
                var pair = option.Split('=', 2);
                if (pair.Length != 2 || !pair[0].Equals("from", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var stage = int.TryParse(pair[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number < before
                    ? outline.Stages[number]
                    : outline.Stages.Take(before).LastOrDefault(s => string.Equals(s.Name, pair[1], StringComparison.OrdinalIgnoreCase));
                if (stage is not null)
                {
                    yield return stage.Index;
                }
            }
        }
    }
}
