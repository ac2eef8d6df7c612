using Cake.BuildxCache.Tests.Tasks.Support;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// <c>--target=Plan</c> in every place a build can stand, compared with reviewed golden files in
/// <c>Tasks/Golden/</c>: the refs, each image's tags and cache lines, the plan's logout, and every command line under
/// "Commands". The build time is fixed by <see cref="FixedClockContext"/>. <c>UPDATE_GOLDEN=1</c> rewrites them.
/// </summary>
public sealed class PlanGoldenTests
{
    private static readonly string[] PlanKeys = ["image:", "tags:", "cache from:", "cache to:", "cache scope:", "cache promote:", "cache miss:", "output:", "image time:", "registries:", "logout:", "builder nodes", "network:"];

    private static readonly Dictionary<string, (Func<Workspace, Dictionary<string, string>> Job, bool Local, string[] Arguments)> Table =
        Scenarios().ToDictionary(scenario => scenario.Name, scenario => (scenario.Job, scenario.Local, scenario.Arguments));

    private static IEnumerable<string> Names => Table.Keys;

    private static IEnumerable<(string Name, Func<Workspace, Dictionary<string, string>> Job, bool Local, string[] Arguments)> Scenarios()
    {
        // GitLab names the commit time; the other GitLab jobs run in a folder without git, so theirs is unknown.
        yield return Scenario("gitlab-default-branch", _ => Jobs.With(Jobs.GitLabDefaultBranch(), ("CI_COMMIT_TIMESTAMP", "2025-03-01T10:20:30+01:00")));
        yield return Scenario("gitlab-feature-branch", _ => Jobs.GitLabFeatureBranch());
        yield return Scenario("gitlab-merge-request", _ => Jobs.GitLabMergeRequest());
        yield return Scenario("gitlab-fork-merge-request", _ => Jobs.GitLabForkMergeRequest());
        yield return Scenario("gitlab-tag", _ => Jobs.GitLabTag());
        yield return Scenario("github-push", workspace => Jobs.GitHubPush(workspace.Write("event.json", Jobs.GitHubPushPayload())));
        yield return Scenario("github-pull-request", workspace => Jobs.GitHubPullRequest(workspace.Write("event.json", Jobs.GitHubPullRequestPayload())));
        yield return Scenario("gitlab-merge-request-platform", _ => Jobs.GitLabMergeRequest(), arguments: ["--platform=linux/386"]);
        yield return Scenario("local-branch", workspace => Local(workspace, "checkout", "-q", "-b", "feature/local"), local: true);
        yield return Scenario("local-detached", workspace => Local(workspace, "checkout", "-q", "--detach"), local: true);

        // The race-free cache: the build writes a commit ref and promotes it to the branch ref.
        yield return Scenario("gitlab-cache-promote", _ => Jobs.GitLabFeatureBranch(), arguments: ["--cache-promote=true"]);

        // Options that change the command lines: TLS endpoint (context), logout, prune limits, builder config.
        yield return Scenario(
            "gitlab-dind-options",
            workspace =>
            {
                workspace.Write("buildkitd.toml", "[worker.oci]\n  max-parallelism = 2\n");
                return Jobs.With(Jobs.GitLabDefaultBranch(), ("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_CERTDIR", "/certs"));
            },
            arguments: ["--logout=true", "--prune-until=72h", "--prune-reserved-space=10GB", "--prune-remove-builder=true", "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml", "--cache-compression=zstd", "--cache-image-manifest=true"]);
    }

    [TestCaseSource(nameof(Names))]
    public void Plan_prints_the_reviewed_refs_cache_tags_and_commands(string name)
    {
        var (job, local, arguments) = Table[name];
        using var workspace = local ? Workspace.GitClone() : Workspace.Plain();
        var host = new BuildxHost(workspace, job(workspace));

        var run = host.Run(["--target=Plan", .. arguments]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, "Plan runs no docker command");
        // git may run (a local workspace's refs are read with it); docker never does.
        host.Docker.Runner.DidNotReceive().Start(Arg.Is<FilePath>(path => path.FullPath == workspace.DockerPath), Arg.Any<ProcessSettings>());
        Golden.AssertMatches(name, Extract(run.Output, workspace.Path));
    }

    [Test]
    public void The_plans_command_lines_are_the_ones_the_tasks_run()
    {
        using var workspace = Workspace.Plain();
        var job = Jobs.With(Jobs.GitLabMergeRequest(), ("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_CERTDIR", "/certs"));
        string[] arguments = ["--prune-until=72h", "--logout=true", "--driver-opt=network=host"];

        var plan = new BuildxHost(workspace, job).Run(["--target=Plan", .. arguments]);
        var publish = new BuildxHost(workspace, job).Run(["--target=Publish", .. arguments]);

        Assert.That(publish.ExitCode, Is.Zero, publish.ToString);
        var planned = Sections(plan.Output)["Commands"]
            .Where(line => line.StartsWith("    docker ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split("    #")[0]["docker ".Length..])
            .ToList();

        // Everything Publish ran was planned, except the context check the plan does not print.
        Assert.That(publish.Calls.Select(call => call.SafeArguments).Where(command => !command.StartsWith("context inspect", StringComparison.Ordinal)).Distinct(), Is.SubsetOf(planned));
    }

    private static (string, Func<Workspace, Dictionary<string, string>>, bool, string[]) Scenario(string name, Func<Workspace, Dictionary<string, string>> job, bool local = false, string[]? arguments = null) =>
        (name, job, local, arguments ?? []);

    private static Dictionary<string, string> Local(Workspace workspace, params string[] git)
    {
        workspace.Repository!.Git(git);
        return Jobs.Local();
    }

    /// <summary>The Refs section, each image's header and its image/tags/cache/output/registries lines, the plan's logout and network lines, and the Commands section.</summary>
    private static string Extract(string output, string workspacePath)
    {
        var sections = Sections(output);
        var images = sections.Keys.Single(key => key.StartsWith("Images (", StringComparison.Ordinal));

        IEnumerable<string> lines = [
            "Refs", .. sections["Refs"],
            images, .. Keyed(sections[images], header: "  "),
            "Plan", .. Keyed(sections["Plan"], header: null),
            "Commands", .. sections["Commands"],
            .. sections.TryGetValue("Problems", out var problems) ? ["Problems", .. problems] : Array.Empty<string>(),
        ];
        return string.Join('\n', lines.Select(line => line.Replace(workspacePath, "<workspace>", StringComparison.Ordinal).TrimEnd())) + "\n";
    }

    /// <summary>The lines of <see cref="PlanKeys"/> with their continuation lines, and the block headers indented by <paramref name="header"/>.</summary>
    private static List<string> Keyed(IEnumerable<string> section, string? header)
    {
        var kept = new List<string>();
        var keep = false;
        foreach (var line in section)
        {
            var indent = line.Length - line.TrimStart().Length;
            var isHeader = header is not null && indent == header.Length;
            if (isHeader || !line.StartsWith("                  ", StringComparison.Ordinal))
            {
                keep = isHeader || PlanKeys.Any(key => line.TrimStart().StartsWith(key, StringComparison.Ordinal));
            }

            if (keep)
            {
                kept.Add(line);
            }
        }

        return kept;
    }

    /// <summary>The report's sections: a header line at column 0, then its indented lines.</summary>
    private static Dictionary<string, List<string>> Sections(string output)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in output.ReplaceLineEndings("\n").Split('\n'))
        {
            if ((line is "Refs" or "Options" or "Plan" or "Commands" or "Problems" || line.StartsWith("Images (", StringComparison.Ordinal)) && !sections.ContainsKey(line))
            {
                current = sections[line] = [];
            }
            else if (current is not null && line.StartsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0)
            {
                current.Add(line);
            }
            else
            {
                current = null;
            }
        }

        Assert.That(sections.Keys, Is.SupersetOf(new[] { "Refs", "Plan", "Commands" }), "the Plan report's sections:\n" + output);
        return sections;
    }
}
