using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// Whether the steps that mount a cache will come from the layer cache, told before the build: a step-input digest per
/// mount covers what BuildKit's cache key of each such step depends on, as far as the module can see (the instructions of
/// the stage chain up to it, the base image's digest, the platforms, the keyed digests of the build arguments in scope,
/// the content of the context files the copies before it read). The layer cache ref's record keeps it (the field
/// <see cref="Field"/>); a ref the build imports that recorded the same digest has every such step, so the fill is not
/// needed. Anything that cannot be told makes the digest unknown, and an unknown digest fills.
/// </summary>
internal static partial class CacheMountSteps
{
    /// <summary>The layer cache record's field: a JSON object, mount id to its step-input digest.</summary>
    public const string Field = "mount-steps";

    /// <summary>What the steps that mount <paramref name="mount"/> depend on, read from the Dockerfile.</summary>
    /// <param name="outline">The Dockerfile.</param>
    /// <param name="mount">The mount (every line that mounts it).</param>
    /// <param name="buildArgs">The build's arguments (names, and values to make the base image references; no value leaves this).</param>
    /// <returns>The inputs.</returns>
    public static CacheMountStepInputs Inputs(DockerfileOutline outline, CacheMountDeclaration mount, IReadOnlyList<KeyValuePair<string, string>> buildArgs)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(mount);
        ArgumentNullException.ThrowIfNull(buildArgs);
        var lines = new SortedSet<int>();
        var roots = new List<DockerfileStage>();
        foreach (var line in mount.Lines)
        {
            if (outline.Instructions.FirstOrDefault(instruction => instruction.Line == line) is not { Stage: >= 0 } step)
            {
                return Unknown($"line {line} is not in the Dockerfile as read");
            }

            var chain = outline.Chain(outline.Stages[step.Stage]).ToList();
            roots.Add(chain[^1]);
            var stages = chain.Select(stage => stage.Index).ToHashSet();
            lines.UnionWith(outline.Instructions.Where(instruction => stages.Contains(instruction.Stage) && instruction.Line <= line).Select(instruction => instruction.Line));
        }

        var instructions = outline.Instructions.Where(instruction => lines.Contains(instruction.Line)).ToList();
        var copies = new List<(DockerfileInstruction, IReadOnlyList<string>)>();
        foreach (var instruction in instructions)
        {
            if (Unreadable(instruction) is { } why)
            {
                return Unknown($"line {instruction.Line}: {why}");
            }

            if (instruction.Keyword is "COPY" or "ADD")
            {
                var words = Words(instruction.Arguments).SkipWhile(word => word.StartsWith("--", StringComparison.Ordinal)).ToList();
                copies.Add((instruction, words.Take(words.Count - 1).ToList()));
            }
        }

        var given = buildArgs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var globals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in outline.Instructions.Where(instruction => instruction.Stage < 0 && instruction.Keyword == "ARG"))
        {
            foreach (var (name, value) in Declared(instruction.Arguments))
            {
                globals[name] = given.TryGetValue(name, out var passed) ? passed : value ?? string.Empty;
            }
        }

        var bases = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in roots.Where(root => root.BaseStage is null).DistinctBy(root => root.Index))
        {
            if (Expand(root.Base, globals) is not { } reference)
            {
                return Unknown($"the base image '{root.Base}' uses a variable form the module does not expand");
            }

            bases[root.Base] = reference;
        }

        var args = instructions.Where(instruction => instruction.Keyword == "ARG")
            .SelectMany(instruction => Declared(instruction.Arguments).Select(pair => pair.Name))
            .Where(given.ContainsKey)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new(instructions, copies, bases, args, null);
    }

    /// <summary>The step-input digest, or null and why when a part is not known.</summary>
    /// <param name="inputs">What the Dockerfile says (<see cref="Inputs"/>).</param>
    /// <param name="baseDigests">Each base image reference's digest, null when it could not be resolved.</param>
    /// <param name="argDigests">The keyed digests of the build arguments (<see cref="RecordKey.Digest"/>), or null without a key.</param>
    /// <param name="platforms">The platforms built.</param>
    /// <param name="copyDigests">Per copy's line, the digest of the context files it reads, null when they could not be resolved.</param>
    /// <returns>The digest (<c>sha256:…</c>) or null, and why.</returns>
    public static (string? Digest, string Why) Digest(
        CacheMountStepInputs inputs,
        IReadOnlyDictionary<string, string?> baseDigests,
        IReadOnlyDictionary<string, string>? argDigests,
        IReadOnlyList<string> platforms,
        IReadOnlyDictionary<int, string?> copyDigests)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(baseDigests);
        ArgumentNullException.ThrowIfNull(platforms);
        ArgumentNullException.ThrowIfNull(copyDigests);
        if (inputs.Unknown is { } unknown)
        {
            return (null, unknown);
        }

        var text = new StringBuilder("v1\n");
        foreach (var instruction in inputs.Instructions)
        {
            text.Append(instruction.Keyword).Append(' ').Append(instruction.Arguments).Append('\n');
        }

        foreach (var (written, reference) in inputs.BaseImages)
        {
            // The digest, not the reference: the reference may be made of a build argument's value.
            var pinned = reference.Contains("@sha256:", StringComparison.Ordinal) ? reference[(reference.IndexOf('@', StringComparison.Ordinal) + 1)..] : null;
            if ((pinned ?? baseDigests.GetValueOrDefault(reference)) is not { } digest)
            {
                return (null, $"the base image {written}'s digest is not known");
            }

            text.Append("base ").Append(written).Append(' ').Append(digest).Append('\n');
        }

        foreach (var name in inputs.BuildArgs)
        {
            if (argDigests?.GetValueOrDefault(name) is not { } keyed)
            {
                return (null, $"the build argument {name} is in scope and has no keyed digest (--cache-record-key)");
            }

            text.Append("arg ").Append(name).Append(' ').Append(keyed).Append('\n');
        }

        text.Append("platforms ").Append(string.Join(',', platforms)).Append('\n');
        foreach (var (instruction, _) in inputs.Copies)
        {
            if (copyDigests.GetValueOrDefault(instruction.Line) is not { } files)
            {
                return (null, $"the files line {instruction.Line} copies could not be read");
            }

            text.Append("files ").Append(files).Append('\n');
        }

        return ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))), "known");
    }

    /// <summary>
    /// Whether the mount is filled before the build: not when one of the layer cache refs the build imports recorded the
    /// same step-input digest for it (every step that mounts it will come from that cache).
    /// </summary>
    /// <param name="id">The mount's id.</param>
    /// <param name="digest">Its step-input digest, or null when not known.</param>
    /// <param name="unknown">Why it is not known.</param>
    /// <param name="cacheFrom">The layer cache refs the build imports, in order.</param>
    /// <param name="records">Their records (ref to record), or null when they were not read.</param>
    /// <returns>Null to fill, else the ref whose record matched; and why (for the log).</returns>
    public static (string? MatchedRef, string Why) Fill(string id, string? digest, string unknown, IReadOnlyList<string> cacheFrom, IReadOnlyDictionary<string, CacheRecord>? records)
    {
        ArgumentNullException.ThrowIfNull(cacheFrom);
        if (digest is null)
        {
            return (null, $"its steps' inputs are not known ({unknown})");
        }

        if (records is null)
        {
            return (null, "the layer cache refs' records were not read (--check-cache-refs=false)");
        }

        foreach (var cacheRef in cacheFrom)
        {
            if (records.GetValueOrDefault(cacheRef) is { } record && Read(record)?.GetValueOrDefault(id) == digest)
            {
                return (cacheRef, $"its steps' inputs match {cacheRef}'s cache (the steps will come from the layer cache)");
            }
        }

        return (null, "no layer cache ref the build imports recorded the same inputs for its steps");
    }

    /// <summary>The record with the mounts' step-input digests (none known: the record as it was).</summary>
    /// <param name="record">The record.</param>
    /// <param name="digests">Mount id to digest.</param>
    /// <returns>The record.</returns>
    public static CacheRecord AddTo(CacheRecord record, IReadOnlyDictionary<string, string>? digests)
    {
        ArgumentNullException.ThrowIfNull(record);
        return digests is null || digests.Count == 0
            ? record
            : record.With(Field, new JsonObject(digests.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new KeyValuePair<string, JsonNode?>(pair.Key, JsonValue.Create(pair.Value)))).ToJsonString());
    }

    /// <summary>The digests a record keeps, or null when it has none or they are unreadable.</summary>
    /// <param name="record">The record.</param>
    /// <returns>Mount id to digest.</returns>
    public static IReadOnlyDictionary<string, string>? Read(CacheRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Fields.TryGetValue(Field, out var json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject map && map.All(pair => pair.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                ? map.ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static CacheMountStepInputs Unknown(string why) => new([], [], new Dictionary<string, string>(), [], why);

    // What the module cannot see the content of: another stage's or image's files, a URL, a heredoc's body (not in the
    // outline), a bind mount of the context, variables in a source.
    private static string? Unreadable(DockerfileInstruction instruction)
    {
        var flags = Words(instruction.Arguments).TakeWhile(word => word.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (instruction.Arguments.Contains("<<", StringComparison.Ordinal))
        {
            return "a heredoc";
        }

        if (instruction.Keyword is "COPY" or "ADD")
        {
            if (flags.Any(flag => flag.StartsWith("--from=", StringComparison.OrdinalIgnoreCase)))
            {
                return $"{instruction.Keyword} --from reads another stage or image";
            }

            var sources = Words(instruction.Arguments).Skip(flags.Count).ToList();
            if (sources.Count < 2 || instruction.Arguments.TrimStart().StartsWith('['))
            {
                return $"{instruction.Keyword}'s sources are not read in this form";
            }

            if (sources.Take(sources.Count - 1).Any(source => source.Contains("://", StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal) || source.Contains('$', StringComparison.Ordinal)))
            {
                return $"{instruction.Keyword} reads a URL, a git repository or a variable";
            }
        }

        if (instruction.Keyword == "RUN")
        {
            foreach (var flag in flags.Where(flag => flag.StartsWith("--mount=", StringComparison.OrdinalIgnoreCase)))
            {
                var options = flag["--mount=".Length..].Split(',');
                var type = options.FirstOrDefault(option => option.StartsWith("type=", StringComparison.OrdinalIgnoreCase))?["type=".Length..] ?? "bind";
                if (type.Equals("bind", StringComparison.OrdinalIgnoreCase) || options.Any(option => option.StartsWith("from=", StringComparison.OrdinalIgnoreCase)))
                {
                    return "RUN mounts files from the context or another stage";
                }
            }
        }

        return instruction.Keyword == "ONBUILD" ? "ONBUILD" : null;
    }

    private static IEnumerable<(string Name, string? Value)> Declared(string arguments) =>
        Words(arguments).Select(word => word.Split('=', 2)).Select(parts => (parts[0], parts.Length > 1 ? parts[1].Trim('"') : (string?)null));

    private static string[] Words(string arguments) => arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    // ${NAME} and $NAME from the global ARGs; a form with a default or a modifier (${NAME:-x}) is not expanded.
    private static string? Expand(string reference, IReadOnlyDictionary<string, string> globals)
    {
        if (reference.Contains("${", StringComparison.Ordinal) && BracedWithModifier().IsMatch(reference))
        {
            return null;
        }

        var expanded = Variable().Replace(reference, match => globals.GetValueOrDefault(match.Groups["name"].Value) ?? string.Empty);
        return expanded.Length == 0 || expanded.Contains('$', StringComparison.Ordinal) ? null : expanded;
    }

    [GeneratedRegex(@"\$\{[^}]*[:#%/][^}]*\}")]
    private static partial Regex BracedWithModifier();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
