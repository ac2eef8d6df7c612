using System.Text;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// Plan's docker command lines as argument lists, and how a command a run executed (as the docker shim recorded it) is
/// compared with one: the build's time label and the build record's id are known only at run time, and a
/// <c>--cache-from</c> ref the registry does not have is left out when the build runs.
/// </summary>
internal static partial class PlannedCommands
{
    /// <summary>
    /// The one pushing <c>docker buildx build</c> a CI job ran, after asserting that Plan prints it: Plan shows it under
    /// Publish, or under BuildWithCache where that build already pushes (GitHub).
    /// </summary>
    /// <param name="planLines">Plan's output, a line each.</param>
    /// <param name="dockerCalls">The docker calls the job made (its arguments after <c>docker</c>).</param>
    /// <param name="runner">What ran it, for the failure message ("the job", "the step").</param>
    /// <returns>The build's arguments, normalised as <see cref="Normalise"/> does.</returns>
    public static IReadOnlyList<string> AssertPlannedBuildRan(IReadOnlyList<string> planLines, IEnumerable<IReadOnlyList<string>> dockerCalls, string runner)
    {
        static bool IsBuild(IReadOnlyList<string> call) => call.Count > 1 && call[0] == "buildx" && call[1] == "build" && !call.Contains("--call");
        var planned = From(planLines).Where(IsBuild).ToList();
        var executed = Normalise(dockerCalls.Single(IsBuild));
        Assert.That(planned, Is.Not.Empty, string.Join('\n', planLines));
        Assert.That(planned.Any(command => Matches(command, executed)), Is.True, $"{runner} ran `docker {string.Join(' ', executed)}`, which Plan does not print:\n{string.Join('\n', planLines)}");
        return executed;
    }

    /// <summary>The same command, but for <c>--cache-from</c> refs: the run's are Plan's in order, some left out.</summary>
    public static bool Matches(IReadOnlyList<string> planned, IReadOnlyList<string> executed)
    {
        var plannedRefs = CacheFrom(planned);
        var executedRefs = CacheFrom(executed);
        var remaining = plannedRefs.AsEnumerable();
        foreach (var reference in executedRefs)
        {
            remaining = remaining.SkipWhile(candidate => candidate != reference);
            if (!remaining.Any())
            {
                return false;
            }

            remaining = remaining.Skip(1);
        }

        return WithoutCacheFrom(planned).SequenceEqual(WithoutCacheFrom(executed));
    }

    public static List<string> CacheFrom(IReadOnlyList<string> arguments) =>
        [.. arguments.Select((argument, index) => (argument, index)).Where(pair => pair.argument == "--cache-from").Select(pair => arguments[pair.index + 1])];

    private static List<string> WithoutCacheFrom(IReadOnlyList<string> arguments)
    {
        var kept = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--cache-from")
            {
                i++;
                continue;
            }

            kept.Add(arguments[i]);
        }

        return kept;
    }

    /// <summary>The docker command lines under Plan's <c>Commands</c>, as argument lists (without <c>docker</c>).</summary>
    public static List<IReadOnlyList<string>> From(IReadOnlyList<string> lines) =>
    [
        .. lines.Select(line => line.Trim())
            .Where(line => line.StartsWith("docker ", StringComparison.Ordinal))
            .Select(line => Normalise(Tokenize(CommentSuffix().Replace(line, string.Empty))[1..])),
    ];

    /// <summary>
    /// The build time (the created label, and the image output's epoch taken from it) differs between two runs by a
    /// second or so; the build record's id is known only after the build (Plan prints a placeholder).
    /// </summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string> arguments)
    {
        List<string> normalised =
        [
            .. arguments.Select(argument => SourceDateEpoch().Replace(CreatedLabel().Replace(argument, "org.opencontainers.image.created=<time>"), "source-date-epoch=<time>")),
        ];
        if (normalised.Take(3).SequenceEqual(["buildx", "history", "inspect"]))
        {
            normalised[^1] = "<record id>";
        }

        return normalised;
    }

    /// <summary>Splits a rendered command line: double-quoted arguments (with <c>\"</c> inside) and bare words.</summary>
    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var inToken = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
            {
                current.Append(line[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
                inToken = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    [GeneratedRegex(@"\s{2,}#.*$")]
    private static partial Regex CommentSuffix();

    [GeneratedRegex(@"^org\.opencontainers\.image\.created=.*$")]
    private static partial Regex CreatedLabel();

    [GeneratedRegex(@"source-date-epoch=\d+")]
    private static partial Regex SourceDateEpoch();
}
