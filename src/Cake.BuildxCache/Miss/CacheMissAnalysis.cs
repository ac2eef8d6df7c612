using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// Names the first step of a warm build that ran and its likely cause, from what the build can see; pure. The first step
/// is the one earliest in the Dockerfile among those that ran (BuildKit numbers steps as it meets them, not in order of
/// dependency). The causes are tried in a fixed order, the proven before the inferred, each with its evidence:
/// <list type="number">
/// <item><c>--no-cache</c>, or the step's stage in <c>--no-cache-filter</c>;</item>
/// <item>a base image of the step's stage (or of a stage it starts from) whose digest differs from the record's;</item>
/// <item>a build argument in scope of the step whose keyed digest differs from the record's (under the same key): for a
/// <c>RUN</c> every argument declared before it (BuildKit puts them in its environment), for another instruction one it
/// names (<c>$NAME</c>); a secret-named argument is never recorded, so never named;</item>
/// <item>a <c>COPY</c>/<c>ADD</c> of the context root while the context holds a <c>.git</c> that no <c>.dockerignore</c>
/// excludes (its files change with every commit);</item>
/// <item>otherwise no known cause: files in the context or the Dockerfile changed.</item>
/// </list>
/// A cause the record cannot prove (a cache ref without a record, or a record without that field) is not guessed.
/// </summary>
internal static class CacheMissAnalysis
{
    /// <summary>The cause when nothing the build can see explains the miss.</summary>
    public const string NoKnownCause = "no known cause: files in the context or the Dockerfile changed";

    /// <summary>Explains the first step that ran.</summary>
    /// <param name="facts">What the build can see.</param>
    /// <returns>The first step and its cause, or null when no step ran.</returns>
    public static CacheMiss? Explain(CacheMissFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);

        // A RUN with a cache mount that the registry filled (--cache-mounts) downloads less, but it still runs: the
        // mount is no layer cache, and the step counts as run.
        var miss = ExplainFirst(facts);
        return miss is { Line: { } line }
            && facts.Dockerfile?.Instructions.FirstOrDefault(instruction => instruction.Line == line) is { Keyword: "RUN" } run
            && run.Arguments.Contains("type=cache", StringComparison.OrdinalIgnoreCase)
            ? miss with { Why = miss.Why + "; it mounts a cache, which makes it faster when filled (--cache-mounts), never cached: it still runs" }
            : miss;
    }

    private static CacheMiss? ExplainFirst(CacheMissFacts facts)
    {
        if (facts.RanSteps.Count == 0)
        {
            return null;
        }

        var outline = facts.Dockerfile;
        var mapped = facts.RanSteps
            .Select((name, order) => (Name: name, Order: order, Instruction: outline is null ? null : outline.InstructionOfStep(name)))
            .ToList();
        var first = mapped
            .OrderBy(step => step.Instruction?.Line ?? int.MaxValue)
            .ThenBy(step => step.Order)
            .First();
        var name = first.Name;
        if (outline is null || first.Instruction is not { } instruction)
        {
            var note = outline is null ? "the Dockerfile could not be read" : "the step is not in the Dockerfile as read";
            return Miss(facts, name, null, MissCause.Unknown, $"{NoKnownCause} ({note})");
        }

        var stage = outline.Stages[instruction.Stage];
        var chain = outline.Chain(stage).ToList();
        var line = instruction.Line;

        if (facts.NoCache || chain.Any(s => s.Name is { } n && (facts.NoCacheStages ?? []).Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            return Miss(facts, name, line, MissCause.NoCache, facts.NoCache
                ? "the build was asked not to use the cache (--no-cache)"
                : $"stage {chain.First(s => s.Name is { } n && (facts.NoCacheStages ?? []).Contains(n, StringComparer.OrdinalIgnoreCase)).Name} is built without the cache (--no-cache-filter)");
        }

        if (BaseImageChange(chain, facts) is { } baseImage)
        {
            return Miss(facts, name, line, MissCause.BaseImage, baseImage);
        }

        if (BuildArgChange(outline, chain, instruction, facts) is { } buildArg)
        {
            return Miss(facts, name, line, MissCause.BuildArg, buildArg);
        }

        if (facts.ContextHasGit && !facts.DockerignoreExcludesGit && CopiesContextRoot(instruction))
        {
            return Miss(facts, name, line, MissCause.GitInContext,
                $"{instruction.Keyword} copies the whole context, and its .git changes with every commit (no .dockerignore excludes .git)");
        }

        var unproven = new List<string>();
        if (facts.CacheRef is null)
        {
            unproven.Add(facts.RecordsRead
                ? "the cache ref has no record of what it was written with"
                : "the cache refs' records were not read (--check-cache-refs=false)");
        }
        else
        {
            if (facts.Now.BuildArgs is null)
            {
                unproven.Add("build arguments not compared: no cache-record-key");
            }
            else if (facts.Written.BuildArgs is null)
            {
                unproven.Add("build arguments not compared: the record has none");
            }
            else if (facts.Written.BuildArgsKey != facts.Now.BuildArgsKey)
            {
                unproven.Add("build arguments not compared: the record was written under another cache-record-key");
            }

            if (facts.Written.BaseImages is null || facts.Now.BaseImages is null)
            {
                unproven.Add("base images not compared");
            }
        }

        return Miss(facts, name, line, MissCause.Unknown, unproven.Count == 0 ? NoKnownCause : $"{NoKnownCause} ({string.Join("; ", unproven)})");
    }

    /// <summary>
    /// The familiar form of an image reference, as BuildKit's provenance names base images: <c>docker.io/library/</c>
    /// dropped, <c>:latest</c> added when no tag is given; null for a reference with a variable or a digest.
    /// </summary>
    /// <param name="reference">The reference as written after <c>FROM</c>.</param>
    /// <returns>The key, or null.</returns>
    public static string? ImageKey(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Contains('$', StringComparison.Ordinal) || reference.Contains('@', StringComparison.Ordinal) || reference.Length == 0)
        {
            return null;
        }

        var name = reference;
        foreach (var prefix in new[] { "docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        var slash = name.LastIndexOf('/');
        return name.IndexOf(':', slash + 1) < 0 ? name + ":latest" : name;
    }

    private static CacheMiss Miss(CacheMissFacts facts, string step, int? line, MissCause cause, string why) =>
        new(ReportFormatting.OneLine(step), line, cause, why, facts.CacheRef);

    private static string? BaseImageChange(IReadOnlyList<DockerfileStage> chain, CacheMissFacts facts)
    {
        if (facts.Written.BaseImages is not { } written || facts.Now.BaseImages is not { } now)
        {
            return null;
        }

        foreach (var stage in chain.Where(s => s.BaseStage is null))
        {
            if (ImageKey(stage.Base) is not { } key || !now.TryGetValue(key, out var digest))
            {
                continue;
            }

            if (!written.TryGetValue(key, out var before))
            {
                return $"base image {key} (FROM at Dockerfile line {stage.Line}) was not a base image when the cache was written";
            }

            if (before != digest)
            {
                return $"base image {key} (FROM at Dockerfile line {stage.Line}) is {Short(digest)} now, {Short(before)} when the cache was written";
            }
        }

        return null;
    }

    private static string? BuildArgChange(DockerfileOutline outline, IReadOnlyList<DockerfileStage> chain, DockerfileInstruction step, CacheMissFacts facts)
    {
        // Digests under different keys never match: that is "not compared", not "changed".
        if (facts.Written.BuildArgs is not { } written || facts.Now.BuildArgs is not { } now || facts.Written.BuildArgsKey != facts.Now.BuildArgsKey)
        {
            return null;
        }

        // ARGs of the step's stage before it, and of the stages it starts from (BuildKit carries them over).
        var stages = chain.Select(s => s.Index).ToHashSet();
        var declared = outline.Instructions
            .Where(i => i.Keyword == "ARG" && i.Stage >= 0 && stages.Contains(i.Stage) && (i.Stage != step.Stage || i.Line < step.Line))
            .SelectMany(i => ArgNames(i.Arguments).Select(argName => (Name: argName, i.Line)))
            .GroupBy(arg => arg.Name, StringComparer.Ordinal)
            .Select(group => (Name: group.Key, Line: group.Min(arg => arg.Line)))
            .OrderBy(arg => arg.Line)
            .ToList();
        var changed = declared
            .Where(arg => step.Keyword == "RUN" || Names(step.Arguments, arg.Name))
            .Where(arg => written.GetValueOrDefault(arg.Name) != now.GetValueOrDefault(arg.Name))
            .ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        var what = changed.Count == 1
            ? $"build argument {changed[0].Name} changed since the cache was written (declared at Dockerfile line {changed[0].Line}"
            : $"build arguments {string.Join(", ", changed.Select(arg => arg.Name))} changed since the cache was written (declared at Dockerfile lines {string.Join(", ", changed.Select(arg => arg.Line))}";
        return what + ", before the first step that ran)";
    }

    private static IEnumerable<string> ArgNames(string arguments) =>
        arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Split('=', 2)[0])
            .Where(word => word.Length > 0);

    private static bool Names(string arguments, string name) =>
        arguments.Contains("$" + name, StringComparison.Ordinal) || arguments.Contains("${" + name, StringComparison.Ordinal);

    private static bool CopiesContextRoot(DockerfileInstruction instruction)
    {
        if (instruction.Keyword is not ("COPY" or "ADD"))
        {
            return false;
        }

        var words = instruction.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Any(word => word.StartsWith("--from=", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var paths = words.Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count > 0 && paths[0].StartsWith('['))
        {
            paths = [.. JsonSources(instruction.Arguments)];
        }

        return paths.Count >= 2 && paths.Take(paths.Count - 1).Any(source => source is "." or "./" or "/" or "*" or "./*" or ".*" or ".git" or "./.git");
    }

    private static IEnumerable<string> JsonSources(string arguments)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(arguments[arguments.IndexOf('[', StringComparison.Ordinal)..]) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string Short(string digest)
    {
        var parts = digest.Split(',');
        return string.Join(",", parts.Select(part => part.Length > 19 ? part[..19] + "…" : part));
    }
}
