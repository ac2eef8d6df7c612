using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// <c>--annotation</c>, <c>--provenance</c>, <c>--sbom</c>, <c>--no-cache</c>, <c>--no-cache-filter</c>, <c>--pull</c>,
/// <c>--network</c>, <c>--add-host</c>, <c>--ulimit</c> and <c>--shm-size</c>: read, checked, planned and gated by version.
/// </summary>
public sealed class BuildFlagTests
{
    private static BuildxCacheOptions Read(params (string Name, string Value)[] arguments) =>
        BuildxCacheOptionsReader.Read(OptionSources.From(arguments: arguments.Select(argument => new KeyValuePair<string, string>(argument.Name, argument.Value)))) with { Image = Scenarios.Image };

    private static readonly (string, string)[] Everything =
    [
        ("annotation", "org.opencontainers.image.vendor=Example"),
        ("annotation", "index:org.example.note=hi"),
        ("provenance", "mode=max"),
        ("sbom", "false"),
        ("no-cache-filter", "deps,tools"),
        ("pull", "true"),
        ("network", "none"),
        ("add-host", "db.internal:10.0.0.5"),
        ("ulimit", "nofile=1024:2048"),
        ("shm-size", "256m"),
    ];

    [Test]
    public void Every_flag_reaches_the_build_settings()
    {
        var plan = BuildPlanner.Plan(Scenarios.LocalBranch("main"), Read(Everything), Scenarios.Created);
        var settings = DockerCommands.Build(plan);

        Assert.That(settings.Annotations, Is.EquivalentTo(new Dictionary<string, string> { ["org.opencontainers.image.vendor"] = "Example", ["index:org.example.note"] = "hi" }));
        Assert.That((settings.Provenance, settings.Sbom, settings.Pull, settings.NoCache, settings.Network, settings.ShmSize), Is.EqualTo(("mode=max", "false", true, false, "none", "256m")));
        Assert.That(settings.NoCacheFilter, Is.EqualTo(new[] { "deps", "tools" }));
        Assert.That(settings.AddHosts, Is.EqualTo(new[] { "db.internal:10.0.0.5" }));
        Assert.That(settings.Ulimits, Is.EqualTo(new[] { "nofile=1024:2048" }));
    }

    [Test]
    public void Plan_shows_each_flag_on_a_line_of_its_kind()
    {
        var plan = BuildPlanner.Plan(Scenarios.LocalBranch("main"), Read(Everything), Scenarios.Created);

        Assert.That(plan.Features.PlanLines(), Is.EqualTo(new[]
        {
            "  annotations:    org.opencontainers.image.vendor=Example  index:org.example.note=hi",
            "  attestations:   provenance mode=max  sbom false",
            "  freshness:      stage deps without cache  stage tools without cache  pull base images",
            "  RUN steps:      network none  host db.internal:10.0.0.5  ulimit nofile=1024:2048  shm 256m",
        }));
    }

    [Test]
    public void No_flag_is_given_when_no_option_is_set()
    {
        var settings = DockerCommands.Build(BuildPlanner.Plan(Scenarios.LocalBranch("main"), Scenarios.LocalOptions, Scenarios.Created));

        Assert.That((settings.Provenance, settings.Sbom, settings.Pull, settings.NoCache, settings.Network, settings.ShmSize), Is.EqualTo(((string?)null, (string?)null, false, false, (string?)null, (string?)null)));
        Assert.That(settings.Annotations.Count + settings.NoCacheFilter.Count + settings.AddHosts.Count + settings.Ulimits.Count, Is.Zero);
    }

    [TestCase("0.11.2", false)]
    [TestCase("0.12.0", true)]
    [TestCase("0.36.1", true)]
    public void Annotations_need_buildx_0_12_and_older_buildx_builds_without_them_with_a_warning(string version, bool given)
    {
        var plan = BuildPlanner.Plan(Scenarios.LocalBranch("main"), Read(("annotation", "a.b=c")), Scenarios.Created);
        var buildx = BuildxVersion.Parse($"github.com/docker/buildx v{version} abcdef0");

        var settings = DockerCommands.Build(plan, version: buildx);
        var warnings = BuildFeatureArguments.Warnings(plan.Features, buildx);

        Assert.That(settings.Annotations.ContainsKey("a.b"), Is.EqualTo(given));
        Assert.That(warnings, given ? Is.Empty : Has.One.Contains("--annotation needs buildx 0.12 or later (this is v" + version + ")"));
    }

    [TestCase("no-cache-filter", "deps", "no-cache", "true", "and no-cache together are refused by buildx")]
    [TestCase("network", "bridge", null, null, "must be default, none or host")]
    [TestCase("add-host", "db.internal", null, null, "is not host:ip")]
    [TestCase("ulimit", "nofiles=10", null, null, "is not name=soft[:hard]")]
    [TestCase("ulimit", "nofile=ten", null, null, "is not name=soft[:hard]")]
    [TestCase("shm-size", "lots", null, null, "is not a size")]
    [TestCase("provenance", "mode = max", null, null, "has whitespace")]
    [TestCase("no-cache-filter", "9lives", null, null, "is not a stage name")]
    public void A_value_buildx_would_refuse_is_a_problem_before_anything_runs(string name, string value, string? other, string? otherValue, string problem)
    {
        var options = other is null ? Read((name, value)) : Read((name, value), (other, otherValue!));

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: false);

        Assert.That(problems.Select(p => p.Message), Has.One.Contains("--" + name).And.Contains(problem));
    }
}
