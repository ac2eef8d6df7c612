using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A GitHub workflow read by GitHub's own parser (<c>.ci/tools/read-workflow.mjs</c>) and run here as a runner would,
/// as far as this machine can: the jobs in the order their <c>needs</c> give, each row of a job's
/// <c>strategy.matrix.include</c> as a job of its own on a fresh runner (its own folder, its own
/// <paramref name="runnerEnvironment"/>), each <c>${{ }}</c> evaluated by <c>@actions/expressions</c> over the
/// <c>matrix</c>, <c>env</c>, <c>github</c> and <c>secrets</c> contexts, each <c>run:</c> with
/// <c>bash --noprofile --norc -eo pipefail</c> in the workspace, <c>$GITHUB_ENV</c> read after each step. No GitHub
/// runner runs here, so the few actions a layout uses stand in by what they do: <c>actions/checkout</c> copies the
/// repository (its built build program included, as a runner's cache would hold it); <c>actions/setup-dotnet</c> and
/// <c>docker/setup-buildx-action</c> find the machine's; <c>actions/upload-artifact</c> keeps the files <c>path</c>
/// matches under <c>name</c>, relative to their deepest common folder (as v4 does); <c>actions/download-artifact</c>
/// puts every artifact <c>pattern</c> matches into <c>path</c> (all in one with <c>merge-multiple</c>, else a folder
/// per artifact). Any other action fails the run.
/// </summary>
/// <param name="file">The workflow file.</param>
/// <param name="runnerEnvironment">The variables of a fresh runner, given the job's name (a new builder per runner).</param>
/// <param name="github">The <c>github</c> context.</param>
/// <param name="secrets">The <c>secrets</c> context.</param>
internal sealed class GitHubWorkflow(string file, Func<string, Dictionary<string, string>> runnerEnvironment, IReadOnlyDictionary<string, string> github, IReadOnlyDictionary<string, string> secrets) : IDisposable
{
    private readonly TemporaryDirectory _runners = new();

    /// <summary>What each job printed, by job name (<c>build (linux/amd64, ubuntu-24.04)</c>), in the order they ran.</summary>
    public List<(string Job, ProcessResult Result)> Steps { get; } = [];

    /// <summary>The jobs that failed (a step did not exit 0), by name.</summary>
    public List<string> Failed { get; } = [];

    /// <summary>The jobs skipped because a job they need failed.</summary>
    public List<string> Skipped { get; } = [];

    /// <summary>Reads the workflow with GitHub's parser and runs its jobs in <paramref name="repository"/>'s copies.</summary>
    public void Run(string repository)
    {
        var read = ProcessRunner.Run(ToolPath.Require("node", "Node.js"), [Path.Combine(CiTools.Folder, "read-workflow.mjs"), file], CiTools.Folder, timeout: TimeSpan.FromMinutes(1));
        Assert.That(read.ExitCode, Is.EqualTo(0), read.Output);
        var workflow = JsonNode.Parse(read.StandardOutput)!;
        Assert.That(workflow["errors"]!.AsArray().Select(error => error!.GetValue<string>()), Is.Empty, file);
        var jobs = workflow["jobs"]!.AsArray().Select(job => job!).ToList();
        var done = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (done.Count < jobs.Count)
        {
            var ready = jobs.FirstOrDefault(job => !done.ContainsKey(Id(job)) && job["needs"]!.AsArray().All(need => done.ContainsKey(need!.GetValue<string>())));
            Assert.That(ready, Is.Not.Null, "a cycle in the jobs' needs");
            var id = Id(ready!);
            if (ready!["needs"]!.AsArray().Any(need => !done[need!.GetValue<string>()]))
            {
                Skipped.Add(id);
                done[id] = false;
                continue;
            }

            var rows = ready["matrix"]!.AsArray().Select(row => row!.AsObject()).ToList();
            var succeeded = true;
            foreach (var row in rows.Count == 0 ? [new JsonObject()] : rows)
            {
                var name = row.Count == 0 ? id : $"{id} ({string.Join(", ", row.Select(pair => pair.Value!.ToString()))})";
                succeeded &= RunJob(ready, name, row, repository);
            }

            done[id] = succeeded;
        }
    }

    public void Dispose() => _runners.Dispose();

    private static string Id(JsonNode job) => job["id"]!.GetValue<string>();

    private string Artifacts => Path.Combine(_runners.Path, "artifacts");

    private bool RunJob(JsonNode job, string name, JsonObject matrix, string repository)
    {
        var runner = Path.Combine(_runners.Path, Guid.NewGuid().ToString("N")[..8]);
        var workspace = Path.Combine(runner, "work");
        Directory.CreateDirectory(runner);
        var environment = runnerEnvironment(name);
        var githubEnv = Path.Combine(runner, "github-env");
        File.WriteAllText(githubEnv, string.Empty);
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in job["env"]!.AsObject())
        {
            set[key] = Evaluate(value!.ToString(), matrix, set);
        }

        foreach (var step in job["steps"]!.AsArray().Select(step => step!))
        {
            var stepEnv = new Dictionary<string, string>(set);
            foreach (var (key, value) in step["env"]!.AsObject())
            {
                stepEnv[key] = Evaluate(value!.ToString(), matrix, set);
            }

            var with = step["with"]!.AsObject().ToDictionary(pair => pair.Key, pair => Evaluate(pair.Value!.ToString(), matrix, set));
            var uses = step["uses"]?.GetValue<string>();
            ProcessResult result;
            if (uses is null)
            {
                var script = Path.Combine(runner, Guid.NewGuid().ToString("N") + ".sh");
                File.WriteAllText(script, Evaluate(step["run"]!.GetValue<string>(), matrix, set));
                var variables = new Dictionary<string, string?>(environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
                foreach (var (key, value) in stepEnv)
                {
                    variables[key] = value;
                }

                variables["GITHUB_ENV"] = githubEnv;
                variables["GITHUB_OUTPUT"] = Path.Combine(runner, "github-output");
                variables["GITHUB_STEP_SUMMARY"] = Path.Combine(runner, "github-step-summary");
                variables["GITHUB_WORKSPACE"] = workspace;
                result = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], workspace, variables, TimeSpan.FromMinutes(15));
            }
            else
            {
                result = Action(uses, with, repository, workspace);
            }

            Steps.Add((name, result));
            if (result.ExitCode != 0)
            {
                Failed.Add(name);
                return false;
            }

            foreach (var (key, value) in ReadEnvFile(githubEnv))
            {
                set[key] = value;
            }
        }

        return true;
    }

    private ProcessResult Action(string uses, Dictionary<string, string> with, string repository, string workspace)
    {
        var action = uses[..uses.IndexOf('@', StringComparison.Ordinal)];
        switch (action)
        {
            case "actions/checkout":
                Directory.CreateDirectory(workspace);
                return ProcessRunner.Run("cp", ["-a", repository + "/.", workspace]);
            case "actions/setup-dotnet":
                return ProcessRunner.Run(ToolPath.Require("dotnet", ".NET SDK"), ["--version"]);
            case "docker/setup-buildx-action":
                return new ProcessResult(0, "the sandbox's buildx", string.Empty);
            case "actions/upload-artifact":
                return Upload(with["name"], with["path"], workspace);
            case "actions/download-artifact":
                return Download(with["pattern"], with.GetValueOrDefault("path", "."), with.GetValueOrDefault("merge-multiple") == "true", workspace);
            default:
                Assert.Fail($"{uses}: this harness does not stand in for it");
                return null!;
        }
    }

    private ProcessResult Upload(string name, string path, string workspace)
    {
        var folder = Path.Combine(workspace, Path.GetDirectoryName(path) ?? string.Empty);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, Path.GetFileName(path)) : [];
        if (files.Length == 0)
        {
            // upload-artifact@v4's default (if-no-files-found: warn): a warning, no artifact.
            return new ProcessResult(0, $"Warning: No files were found with the provided path: {path}. No artifacts will be uploaded.", string.Empty);
        }

        // The files' deepest common folder is the artifact's root; with one folder in the path, that folder.
        var store = Path.Combine(Artifacts, name);
        Directory.CreateDirectory(store);
        foreach (var match in files)
        {
            File.Copy(match, Path.Combine(store, Path.GetFileName(match)), overwrite: true);
        }

        return new ProcessResult(0, $"uploaded {files.Length} file(s) as {name}", string.Empty);
    }

    private ProcessResult Download(string pattern, string path, bool mergeMultiple, string workspace)
    {
        var target = Path.Combine(workspace, path);
        var names = Directory.Exists(Artifacts) ? Directory.GetDirectories(Artifacts, pattern).ToList() : [];
        foreach (var artifact in names)
        {
            var into = mergeMultiple ? target : Path.Combine(target, Path.GetFileName(artifact));
            Directory.CreateDirectory(into);
            foreach (var fileInArtifact in Directory.GetFiles(artifact))
            {
                File.Copy(fileInArtifact, Path.Combine(into, Path.GetFileName(fileInArtifact)), overwrite: true);
            }
        }

        return new ProcessResult(0, $"downloaded {names.Count} artifact(s) into {path}", string.Empty);
    }

    /// <summary>Each <c>${{ }}</c> of <paramref name="text"/>, evaluated by <c>@actions/expressions</c>.</summary>
    private string Evaluate(string text, JsonObject matrix, Dictionary<string, string> env)
    {
        if (!text.Contains("${{", StringComparison.Ordinal))
        {
            return text;
        }

        var context = new JsonObject
        {
            ["matrix"] = matrix.DeepClone(),
            ["env"] = JsonSerializer.SerializeToNode(env),
            ["github"] = JsonSerializer.SerializeToNode(github),
            ["secrets"] = JsonSerializer.SerializeToNode(secrets),
        };
        var evaluated = ProcessRunner.Run(ToolPath.Require("node", "Node.js"), [Path.Combine(CiTools.Folder, "read-workflow.mjs"), "--evaluate", text, context.ToJsonString()], CiTools.Folder, timeout: TimeSpan.FromMinutes(1));
        Assert.That(evaluated.ExitCode, Is.EqualTo(0), evaluated.Output);
        return evaluated.StandardOutput;
    }

    /// <summary>A <c>$GITHUB_ENV</c> file as the runner reads it: <c>NAME=value</c> lines and <c>NAME&lt;&lt;DELIMITER</c> blocks.</summary>
    private static IEnumerable<(string Name, string Value)> ReadEnvFile(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var heredoc = lines[i].IndexOf("<<", StringComparison.Ordinal);
            var equals = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var (name, delimiter) = (lines[i][..heredoc], lines[i][(heredoc + 2)..]);
                var value = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter)
                {
                    value.Add(lines[i]);
                }

                yield return (name, string.Join('\n', value));
            }
            else if (equals > 0)
            {
                yield return (lines[i][..equals], lines[i][(equals + 1)..]);
            }
        }
    }
}
