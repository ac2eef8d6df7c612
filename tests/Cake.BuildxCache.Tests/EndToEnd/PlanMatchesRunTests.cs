using System.Text;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Plan is what runs: every docker command a real <c>Publish</c> executed (as the docker shim recorded it) is
/// printed, argument for argument, by <c>Plan</c> for the same job, and Plan itself runs no docker command. The
/// one conditional part Plan names on the build line: a <c>--cache-from</c> ref the registry does not have is
/// left out when the build runs (the existence check happens then), so the run's refs are Plan's, in order, less those.
/// </summary>
public sealed partial class PlanMatchesRunTests() : RealStackFixture("plan")
{
    [Test]
    public void Every_command_of_a_real_publish_is_in_the_plan()
    {
        var job = Scene.GitLab().Branch("feature/plan", "feature-plan");
        string[] options = ["--prune-until=1h", "--prune-remove-builder=true", "--logout=true"];

        var plan = Scene.Run(job, ["--target=Plan", .. options]);
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(Scene.Sandbox.DockerCalls(), Is.Empty, "Plan runs no docker command");
        var planned = PlannedCommands(plan.Lines);
        Assert.That(planned, Is.Not.Empty, plan.Output);

        var run = Scene.Run(job, ["--target=Publish", .. options]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var executed = Scene.Sandbox.DockerCalls();
        Assert.That(executed.Count, Is.GreaterThanOrEqualTo(5), "version, inspect, create, login, build and more");
        foreach (var call in executed)
        {
            var normalised = Normalise(call);
            Assert.That(
                planned.Any(command => Matches(command, normalised)),
                Is.True,
                $"the run executed `docker {string.Join(' ', call)}`, which Plan does not print:\n{plan.Output}");
        }

        Assert.That(Scene.Calls("buildx", "history", "inspect"), Has.Count.EqualTo(1), "the build's record is read once, after it");
        var build = Scene.Calls("buildx", "build").Single();
        Assert.That(CacheFrom(build), Is.Empty, "a new branch in an empty registry: neither ref exists yet");
        // Lint's check is a `docker buildx build --call` line of its own; the build is the other one.
        Assert.That(
            plan.Lines.Single(line => line.TrimStart().StartsWith("docker buildx build", StringComparison.Ordinal) && !line.Contains("--call", StringComparison.Ordinal)),
            Does.EndWith("left out (--check-cache-refs)"));
    }

    [Test]
    public void Every_command_of_a_real_prune_with_space_limits_is_in_the_plan()
    {
        var job = Scene.GitLab().Branch("main", "main");
        string[] limits = ["--prune-reserved-space=1mb", "--prune-max-used-space=100mb"];
        Assert.That(Scene.Run(job, "--target=EnsureBuilder").ExitCode, Is.EqualTo(0));

        var plan = Scene.Run(job, ["--target=Plan", .. limits]);
        var before = Scene.Sandbox.DockerCalls().Count;
        var run = Scene.Run(job, ["--target=PruneCache", .. limits]);

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var planned = PlannedCommands(plan.Lines);
        var executed = Scene.Sandbox.DockerCalls().Skip(before).Select(Normalise).ToList();
        Assert.That(executed.Select(call => string.Join(' ', call.Take(2))), Is.EqualTo(new[] { "buildx inspect", "buildx version", "buildx prune" }), "PruneCache alone asks buildx its version for the space flags");
        foreach (var call in executed)
        {
            Assert.That(planned.Any(command => command.SequenceEqual(call)), Is.True, $"the run executed `docker {string.Join(' ', call)}`, which Plan does not print:\n{plan.Output}");
        }
    }

    /// <summary>The same command, but for <c>--cache-from</c> refs: the run's are Plan's in order, some left out.</summary>
    private static bool Matches(IReadOnlyList<string> planned, IReadOnlyList<string> executed)
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

    private static List<string> CacheFrom(IReadOnlyList<string> arguments) =>
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
    private static List<IReadOnlyList<string>> PlannedCommands(IReadOnlyList<string> lines) =>
    [
        .. lines.Select(line => line.Trim())
            .Where(line => line.StartsWith("docker ", StringComparison.Ordinal))
            .Select(line => Normalise(Tokenize(CommentSuffix().Replace(line, string.Empty))[1..])),
    ];

    /// <summary>
    /// The build time label differs between two runs by a second or so; the build record's id is known only after the
    /// build (Plan prints a placeholder).
    /// </summary>
    private static IReadOnlyList<string> Normalise(IEnumerable<string> arguments)
    {
        List<string> normalised = [.. arguments.Select(argument => CreatedLabel().Replace(argument, "org.opencontainers.image.created=<time>"))];
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
}
