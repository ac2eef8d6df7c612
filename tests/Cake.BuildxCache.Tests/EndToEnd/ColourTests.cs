using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=Plan</c> with its output in a pipe (as every run here is): no ANSI escape code in it, even
/// where <c>TERM</c> names a colour terminal, unless <c>FORCE_COLOR</c> asks for it; <c>NO_COLOR</c> wins in CI too.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
public sealed class ColourTests
{
    /// <summary>ESC, searched as a character: a culture-aware substring search ignores control characters and finds it anywhere.</summary>
    private const char Escape = '\u001b';

    private DockerSandbox _sandbox = null!;
    private Workspace _workspace = null!;

    [SetUp]
    public void SetUp()
    {
        _sandbox = new DockerSandbox(BuildxKind.None);
        _workspace = Workspace.Create();
    }

    [TearDown]
    public void TearDown()
    {
        _workspace.Dispose();
        _sandbox.Dispose();
    }

    private BuildRun Plan(params (string Name, string Value)[] variables)
    {
        // The sandbox sets NO_COLOR for every other test: here it is set only where a test says so.
        var environment = new Dictionary<string, string> { ["BUILDX_IMAGE"] = "registry.example.com/group/app", ["TERM"] = "xterm-256color" }.Over(_sandbox).Without("NO_COLOR").With(variables);
        var run = BuildApp.Run(_workspace.Path, environment, ["--target=Plan"]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    [Test]
    public void A_pipe_gets_no_colour_even_under_a_colour_terminals_TERM()
    {
        var run = Plan();

        Assert.That(run.Output, Does.Contain("Refs").And.Contain("Task"), "the plan and Cake's task summary were printed");
        Assert.That(run.Output.Contains(Escape), Is.False, "an escape code in the output");
    }

    [Test]
    public void FORCE_COLOR_puts_it_back_and_NO_COLOR_wins_over_it()
    {
        var forced = Plan(("FORCE_COLOR", "1"));
        var both = Plan(("FORCE_COLOR", "1"), ("NO_COLOR", "1"));

        Assert.That(forced.Output.Contains(Escape), Is.True, "the same run with colour asked for has it: the check above can fail");
        Assert.That(both.Output.Contains(Escape), Is.False, "an escape code in the output");
    }

    [Test]
    public void NO_COLOR_turns_it_off_in_a_GitHub_job_whose_log_would_render_it()
    {
        var payload = _workspace.Write("event.json", """{"repository":{"default_branch":"main","full_name":"org/app"}}""");
        var github = Ci.GitHub(_workspace.Sha, "push", payload, "unused-Secret-1").With(("GITHUB_REF_NAME", "main"), ("GITHUB_REF_TYPE", "branch"));

        var run = Plan([.. github.Select(pair => (pair.Key, pair.Value)), ("NO_COLOR", "1")]);

        Assert.That(run.Output, Does.Contain("GitHubActions"));
        Assert.That(run.Output.Contains(Escape), Is.False, "an escape code in the output");
    }
}
