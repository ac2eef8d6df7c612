using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary><c>--secret</c>, <c>--ssh</c> and <c>--build-context</c>: read, checked and put on the build, secrets by id and source only.</summary>
public sealed class BuildSecretAndContextTests
{
    private static BuildxCacheOptions Read(params (string Name, string Value)[] arguments) =>
        BuildxCacheOptionsReader.Read(OptionSources.From(arguments: arguments.Select(argument => new KeyValuePair<string, string>(argument.Name, argument.Value))));

    [TestCase("id=npm,env=NPM_TOKEN", "id=npm,env=NPM_TOKEN")]
    [TestCase("id=npmrc,src=/home/ci/.npmrc", "id=npmrc,src=/home/ci/.npmrc")]
    [TestCase("id=npmrc,source=.npmrc", "id=npmrc,src=.npmrc")]
    [TestCase("type=env,id=tok,src=TOKEN", "id=tok,env=TOKEN")]
    [TestCase(" id = a , env = A ", "id=a,env=A")]
    public void A_secret_is_read_as_buildx_reads_it(string text, string rendered)
    {
        Assert.That(BuildSecretSpec.TryParse(text, out var secret, out var problem), Is.True, problem);
        Assert.That(secret!.ToString(), Is.EqualTo(rendered));
    }

    [TestCase("id=npm", "names no source")]
    [TestCase("env=NPM_TOKEN", "has no id=")]
    [TestCase("id=npm,env=A,src=/f", "names both env= and src=")]
    [TestCase("id=npm,value=hunter2", "has the key 'value'")]
    [TestCase("id=npm,type=ssh,env=A", "type=file and type=env")]
    [TestCase("id=n pm,env=A", "has the id")]
    [TestCase("id=npm,env=NPM-TOKEN", "not a variable name")]
    [TestCase("npm", "not key=value")]
    public void A_secret_that_buildx_would_misread_or_guess_is_a_problem(string text, string problem)
    {
        var options = Read(("secret", text));

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: false);

        Assert.That(problems.Select(p => p.Message), Has.One.Contains("secret").And.Contains(problem));
    }

    [Test]
    public void Each_argument_is_one_secret_and_an_environment_variable_separates_them_by_semicolons()
    {
        var byArguments = Read(("secret", "id=a,env=A"), ("secret", "id=b,src=b.txt"));
        var byEnvironment = BuildxCacheOptionsReader.Read(OptionSources.From(environment: new Dictionary<string, string> { ["BUILDX_SECRET"] = "id=a,env=A;id=b,src=b.txt" }));

        foreach (var options in new[] { byArguments, byEnvironment })
        {
            var features = BuildFeaturesPolicy.Decide(options);
            Assert.That(features.Secrets.Select(secret => secret.ToString()), Is.EqualTo(new[] { "id=a,env=A", "id=b,src=b.txt" }));
        }
    }

    [Test]
    public void An_id_given_twice_is_a_problem()
    {
        var problems = BuildxCacheOptionsValidator.Validate(Read(("secret", "id=a,env=A"), ("secret", "id=a,env=B")), isCI: false);

        Assert.That(problems.Select(p => p.Message), Has.One.Contains("gives the id 'a' a second time"));
    }

    [TestCase("default", "default", 0)]
    [TestCase("github", "github", 0)]
    [TestCase("github=/keys/id_ed25519,/keys/id_rsa", "github", 2)]
    public void Ssh_is_an_agent_or_key_files(string text, string id, int paths)
    {
        Assert.That(SshSpec.TryParse(text, out var spec, out var problem), Is.True, problem);
        Assert.That((spec!.Id, spec.Paths.Count), Is.EqualTo((id, paths)));
    }

    [TestCase("github=")]
    [TestCase("git hub")]
    public void Ssh_without_a_path_after_the_id_or_with_a_bad_id_is_a_problem(string text)
    {
        var problems = BuildxCacheOptionsValidator.Validate(Read(("ssh", text)), isCI: false);

        Assert.That(problems.Select(p => p.Message), Has.One.Contains("ssh"));
    }

    [Test]
    public void The_build_gets_every_feature_in_order_and_Plan_shows_ids_and_sources_only()
    {
        var options = Read(("secret", "id=npm,env=NPM_TOKEN"), ("secret", "id=cfg,src=ci/cfg.json"), ("ssh", "default"), ("build-context", "shared=../shared"), ("build-context", "alpine=docker-image://alpine:3.20")) with { Image = Scenarios.Image };

        var plan = BuildPlanner.Plan(Scenarios.LocalBranch("main"), options, Scenarios.Created);
        var settings = DockerCommands.Build(plan);

        Assert.That(settings.Secrets.Select(secret => secret.ToString()), Is.EqualTo(new[] { "id=npm,env=NPM_TOKEN", "id=cfg,src=ci/cfg.json" }));
        Assert.That(settings.Ssh, Is.EqualTo(new[] { "default" }));
        Assert.That(settings.BuildContexts, Is.EquivalentTo(new Dictionary<string, string> { ["shared"] = "../shared", ["alpine"] = "docker-image://alpine:3.20" }));
        Assert.That(plan.Features.PlanLines(), Is.EqualTo(new[]
        {
            "  secrets:        id=npm,env=NPM_TOKEN  id=cfg,src=ci/cfg.json",
            "  ssh:            default",
            "  build contexts: shared=../shared  alpine=docker-image://alpine:3.20",
        }));
    }

    [Test]
    public void A_plain_build_has_no_feature_lines_and_no_feature_flags()
    {
        var plan = BuildPlanner.Plan(Scenarios.LocalBranch("main"), Scenarios.LocalOptions, Scenarios.Created);
        var settings = DockerCommands.Build(plan);

        Assert.That(plan.Features.PlanLines(), Is.Empty);
        Assert.That((settings.Secrets.Count, settings.Ssh.Count, settings.BuildContexts.Count), Is.EqualTo((0, 0, 0)));
    }

    /// <summary>buildx copies its provenance, which holds every build argument's value, into the metadata file (an artifact).</summary>
    [Test]
    public void The_build_asks_buildx_for_no_provenance_in_the_metadata_file()
    {
        var plan = BuildPlanner.Plan(Scenarios.LocalBranch("main"), Scenarios.LocalOptions, Scenarios.Created);

        Assert.That(DockerCommands.Build(plan).EnvironmentVariables, Does.Contain(new KeyValuePair<string, string>("BUILDX_METADATA_PROVENANCE", "disabled")));
    }
}
