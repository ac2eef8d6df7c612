using System.Text.Json;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The composite action <c>action.yml</c> read by GitHub's own parser (<c>@actions/workflow-parser</c>, through
/// <c>.ci/tools/read-action.mjs</c>), its step's <c>env:</c> evaluated for the inputs by <c>@actions/expressions</c>,
/// and its <c>run:</c> executed with bash as a runner executes a composite step, in a repository set up by
/// <c>dotnet new buildx-cache</c>, with the real buildx against the test registry. No GitHub runner runs here: the
/// GitHub variables are the ones a push job has (<see cref="Ci.GitHub"/>).
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class GitHubActionTests
{
    /// <summary>The outputs the module writes to <c>$GITHUB_OUTPUT</c>, by these names.</summary>
    private static readonly string[] OutputNames = ["image", "digest", "tags", "cache-ref", "image-verdict", "cache-promotion", "images"];

    [Test]
    public void The_action_parses_and_maps_each_output_of_its_publish_step_by_name()
    {
        CiTools.Require();

        using var action = ReadAction(new Dictionary<string, string>());

        var root = action.RootElement;
        Assert.That(root.GetProperty("errors").EnumerateArray().Select(error => error.GetString()), Is.Empty);
        Assert.That(root.GetProperty("using").GetString(), Is.EqualTo("composite"));
        Assert.That(root.GetProperty("inputs").EnumerateObject().Select(input => input.Name), Is.EquivalentTo(new[] { "image", "dockerfile", "context", "push" }));
        var step = root.GetProperty("steps").EnumerateArray().Single();
        var id = step.GetProperty("id").GetString();
        Assert.That(
            root.GetProperty("outputs").EnumerateObject().ToDictionary(output => output.Name, output => output.Value.GetString()),
            Is.EquivalentTo(OutputNames.ToDictionary(name => name, name => (string?)$"${{{{ steps.{id}.outputs.{name} }}}}")));
        Assert.That(step.GetProperty("env").EnumerateObject().Select(variable => variable.Value.GetString()), Is.All.Empty, "empty inputs leave the options to the job");
    }

    [Test]
    [Category("RealStack")]
    public void The_actions_step_runs_Plans_build_command_with_the_inputs_as_options()
    {
        CiTools.Require();
        RealStack.Require();
        using var sandbox = new DockerSandbox(BuildxKind.Real);
        var registry = EndToEndSetUp.Registry;
        var image = registry.Host + "/action/app";
        using var repository = TemplatedRepository.SharedProgram.Copy();
        repository.Write(TemplatedRepository.ImageFolder + "/Dockerfile", Workspace.Dockerfile(EndToEndSetUp.BaseImage));
        repository.Write("buildkitd.toml", $"[registry.\"{registry.Host}\"]\n  http = true\n");
        var sha = repository.Commit("build from the run's base image");
        var payload = Path.Combine(sandbox.Root, "event.json");
        File.WriteAllText(payload, """{"repository":{"default_branch":"main","full_name":"org/app"}}""");
        var outputs = Path.Combine(sandbox.Root, "github-output");
        File.WriteAllText(outputs, string.Empty);
        using var action = ReadAction(new Dictionary<string, string>
        {
            ["image"] = image,
            ["dockerfile"] = TemplatedRepository.ImageFolder + "/Dockerfile",
            ["context"] = TemplatedRepository.ImageFolder,
            ["push"] = "true",
        });
        var step = action.RootElement.GetProperty("steps").EnumerateArray().Single();
        var environment = Ci.GitHub(sha, "push", payload, registry.Password)
            .With(("GITHUB_REF", "refs/heads/main"), ("GITHUB_REF_NAME", "main"), ("GITHUB_REF_TYPE", "branch"), ("GITHUB_OUTPUT", outputs), ("GITHUB_WORKSPACE", repository.Path))
            .With(("BUILDX_REGISTRY_USER", registry.User), ("BUILDX_BUILDER", TestBuilders.NewName()), ("BUILDX_DRIVER_OPT", "network=host"), ("BUILDX_BUILDKITD_CONFIG", "buildkitd.toml"))
            .Over(sandbox);
        foreach (var variable in step.GetProperty("env").EnumerateObject())
        {
            environment[variable.Name] = variable.Value.GetString()!;
        }

        var script = step.GetProperty("run").GetString()!;
        Assert.That(script, Does.Contain("./build.sh --target=Publish"));
        var plan = RunStep(script.Replace("--target=Publish", "--target=Plan --no-report", StringComparison.Ordinal), repository, sandbox, environment);
        var publish = RunStep(script, repository, sandbox, environment);

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Output);
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.Output);
        List<string> planLines = [.. plan.Output.Split('\n').Select(line => line.TrimEnd('\r'))];
        var executed = PlannedCommands.AssertPlannedBuildRan(planLines, sandbox.DockerCalls(), "the step");
        Assert.Multiple(() =>
        {
            Assert.That(planLines, Has.Member($"  image = {image} (from BUILDX_IMAGE)"));
            Assert.That(planLines, Has.Member("  dockerfile = image/Dockerfile (from BUILDX_DOCKERFILE)"));
            Assert.That(planLines, Has.Member("  context = image (from BUILDX_CONTEXT)"));
            Assert.That(planLines, Has.Member("  push = true (from BUILDX_PUSH)"));
            Assert.That(executed, Has.Member("image/Dockerfile").And.Member("--push").And.Member(image + ":main"));
            Assert.That(executed[^1], Is.EqualTo("image"), "the context");
            Assert.That(registry.Tags("action/app"), Has.Member("main"), "pushed");
            Assert.That(publish.Output, Does.Not.Contain(registry.Password));
            // Whatever the run writes to $GITHUB_OUTPUT is one of the action's outputs, so none is lost on the way out.
            Assert.That(OutputNamesIn(File.ReadAllLines(outputs)), Is.SubsetOf(OutputNames));
        });
    }

    private static JsonDocument ReadAction(IReadOnlyDictionary<string, string> inputs)
    {
        var read = ProcessRunner.Run(
            ToolPath.Require("node", "Node.js"),
            [CiTools.ActionReader, Path.Combine(RepositoryRoot.Path, "action.yml"), JsonSerializer.Serialize(inputs)],
            CiTools.Folder,
            timeout: TimeSpan.FromMinutes(1));
        Assert.That(read.ExitCode, Is.EqualTo(0), read.Output);
        return JsonDocument.Parse(read.StandardOutput);
    }

    /// <summary>A composite step's <c>run:</c> as the runner starts a <c>shell: bash</c> step: <c>bash -e {0}</c>, in the workspace.</summary>
    private static ProcessResult RunStep(string script, TemplatedRepository repository, DockerSandbox sandbox, Dictionary<string, string> environment)
    {
        var file = Path.Combine(sandbox.Root, Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(file, script);
        return ProcessRunner.Run(
            "bash",
            ["--noprofile", "--norc", "-eo", "pipefail", file],
            repository.Path,
            environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            TimeSpan.FromMinutes(10));
    }

    /// <summary>The names a <c>$GITHUB_OUTPUT</c> file sets: <c>name=value</c> lines and <c>name&lt;&lt;DELIMITER</c> blocks.</summary>
    private static List<string> OutputNamesIn(IReadOnlyList<string> lines)
    {
        var names = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var heredoc = lines[i].IndexOf("<<", StringComparison.Ordinal);
            var equals = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                names.Add(lines[i][..heredoc]);
                var delimiter = lines[i][(heredoc + 2)..];
                while (i + 1 < lines.Count && lines[++i] != delimiter)
                {
                }
            }
            else if (equals > 0)
            {
                names.Add(lines[i][..equals]);
            }
        }

        return names;
    }
}
