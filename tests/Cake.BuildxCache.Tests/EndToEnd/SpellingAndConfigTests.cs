using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Misspelt options and malformed cake.config through <c>./build.sh</c> in a GitLab job: refused before any docker
/// command (the shim records none; no buildx is installed), each naming what was wrong and the fix; key=value items
/// in cake.config, one key each, reach the plan; arguments for a consumer's own tasks pass with a warning.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
public sealed class SpellingAndConfigTests
{
    private const string Password = "spelling-Secret-4c2f";

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
        _workspace?.Dispose();
        _sandbox?.Dispose();
    }

    private BuildRun Run(params string[] arguments) =>
        BuildApp.Run(
            _workspace.Path,
            Ci.GitLab("127.0.0.1:5000", Ci.ProjectPath, "ci-user", Password, _workspace.Sha).Branch("main", "main").Over(_sandbox),
            arguments);

    private void AssertRefusedBeforeDocker(BuildRun run)
    {
        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(_sandbox.DockerCalls(), Is.Empty, "a docker command ran");
        Assert.That(run.Lines, Has.None.Contains(Password));
    }

    [Test]
    public void A_misspelt_image_is_refused_with_did_you_mean()
    {
        var run = Run("--target=Publish", "--imgae=127.0.0.1:5000/group/other");

        AssertRefusedBeforeDocker(run);
        Assert.That(run.Lines, Has.Some.StartsWith("  - imgae (from --imgae): is not an option; did you mean --image "));
    }

    [Test]
    public void A_misspelt_prune_registry_prunes_nothing_at_all()
    {
        var run = Run("--target=PruneCache", "--prune-registy", "--confirm");

        AssertRefusedBeforeDocker(run);
        Assert.That(run.Lines, Has.Some.StartsWith("  - prune-registy (from --prune-registy): is not an option; did you mean --prune-registry "));
    }

    [Test]
    public void A_misspelt_key_under_buildx_in_cake_config_is_refused()
    {
        _workspace.Write("cake.config", "[Buildx]\nImgae=127.0.0.1:5000/group/other\n");

        var run = Run("--target=Publish");

        AssertRefusedBeforeDocker(run);
        Assert.That(run.Lines, Has.Some.StartsWith("  - Imgae (from configuration [Buildx] in cake.config): is not an option; did you mean --image "));
    }

    [Test]
    public void A_malformed_cake_config_line_is_named_by_file_and_line_without_its_content()
    {
        _workspace.Write("cake.config", "[Buildx]\nImage=127.0.0.1:5000/group/app\nRegistryPassword " + Password + "\n");

        var run = Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain(Path.Combine(_workspace.Path, "cake.config") + ", line 3, has no '=': write key=value"));
        Assert.That(run.Lines, Has.None.Contains(Password));
    }

    [Test]
    public void Key_value_items_one_key_each_in_cake_config_reach_the_plan()
    {
        _workspace.Write("cake.config", "[Buildx]\nDriverOpt.network=host\nBuildArg.FLAVOUR=a b\nLabel.org.opencontainers.image.vendor=Acme\n");

        var run = Run("--target=Plan");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("driver-opt = network=host (from configuration Buildx_DriverOpt.network)"));
        Assert.That(run.Output, Does.Contain("--build-arg \"FLAVOUR=a b\""));
        Assert.That(run.Output, Does.Contain("org.opencontainers.image.vendor=Acme"));
    }

    [Test]
    public void The_old_form_with_equals_in_a_value_is_refused_naming_the_line_and_the_dotted_form()
    {
        _workspace.Write("cake.config", "[Buildx]\nBuildArg=NPM_TOKEN=" + Password + "\n");

        var run = Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(string.Join(' ', run.Lines), Does.Contain(
            Path.Combine(_workspace.Path, "cake.config") + ", line 2, has '=' in its value, which Cake's configuration parser does not accept: write one key per item, the item's key after a dot, e.g. BuildArg.NODE_VERSION=22."));
        Assert.That(run.Lines, Has.None.Contains(Password));
    }

    [Test]
    public void A_misspelt_key_value_option_in_cake_config_gets_did_you_mean_with_its_item_key()
    {
        _workspace.Write("cake.config", "[Buildx]\nBuildArgs.NODE_VERSION=22\n");

        var run = Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Lines, Has.Some.StartsWith("  - BuildArgs.NODE_VERSION (from configuration [Buildx] in cake.config): is not an option; did you mean --build-arg (BuildArg.NODE_VERSION= under [Buildx] in cake.config)?"));
    }

    [Test]
    public void An_empty_option_value_names_the_option()
    {
        var run = Run("--target=Publish", "--image=");

        AssertRefusedBeforeDocker(run);
        // The console wraps long lines; the sentence is read whole.
        Assert.That(string.Join(' ', run.Lines), Does.Contain("--image= has no value: write --image=<value>, or leave the option out."));
    }

    [Test]
    public void An_argument_for_a_consumers_own_task_passes_with_a_warning()
    {
        var run = Run("--target=Plan", "--deploy-environment=staging");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("--deploy-environment is not an option of the buildx tasks: left for other tasks to read."));
    }

    [Test]
    public void A_file_error_reads_as_a_sentence_naming_the_path_not_a_resource_key()
    {
        // artifacts/ is where the build's metadata goes; a file of that name is in the way.
        _workspace.Write("artifacts", "not a folder\n");

        var run = Run("--target=BuildWithCache", "--exclusive", "--check-cache-refs=false");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain(Path.Combine(_workspace.Path, "artifacts")), "the path is named");
        Assert.That(run.Output, Does.Not.Match(@"\b(IO|UnauthorizedAccess|Arg|Argument)_[A-Za-z_]+\b"), "no .NET resource key in place of a sentence");
    }
}
