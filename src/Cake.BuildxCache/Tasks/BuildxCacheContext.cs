using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// The build context of the buildx tasks: options, refs and plan, resolved once on first use and shared
/// by every task of the run. Subclass it (and register it with <c>UseContext</c>) to change options in
/// code: override <see cref="ConfigureOptions"/>.
/// </summary>
public class BuildxCacheContext : FrostingContext
{
    private readonly Lazy<BuildxCacheState> _state;
    private readonly HashSet<string> _loggedIn = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes a new instance of the <see cref="BuildxCacheContext"/> class.</summary>
    /// <param name="context">Cake's context.</param>
    public BuildxCacheContext(ICakeContext context)
        : base(context)
    {
        _state = new Lazy<BuildxCacheState>(Resolve);
    }

    /// <summary>Gets the resolved state: options, refs, plan and problems.</summary>
    public BuildxCacheState State => _state.Value;

    /// <summary>Gets the options of this run.</summary>
    public BuildxCacheOptions BuildxOptions => State.Options;

    /// <summary>Gets where the build stands.</summary>
    public GitRefInfo Refs => State.Refs;

    /// <summary>Gets the build plan.</summary>
    public BuildPlan Plan => State.Plan;

    /// <summary>Gets the run plan: every task's steps.</summary>
    public RunPlan Run => State.Run;

    /// <summary>
    /// The tasks that will run, dependencies included, as the engine ordered them; set before the first task
    /// (by <see cref="RunTargetsSetup"/>). Null until then: the run is planned as one without Publish.
    /// </summary>
    public IReadOnlyList<string>? TasksToRun { get; set; }

    /// <summary>Gets the registries this run logged in to (for logout at teardown).</summary>
    public IReadOnlyCollection<string> LoggedInRegistries => _loggedIn;

    /// <summary>The buildx version, once <c>EnsureBuilder</c> asked for it.</summary>
    public Docker.Buildx.BuildxVersion? BuildxVersion { get; set; }

    /// <summary>The result of the build, once <c>BuildWithCache</c> ran.</summary>
    public BuildOutcome? Outcome { get; set; }

    /// <summary>Stops the run with every problem listed when the options or the workspace are wrong.</summary>
    /// <exception cref="BuildxCacheOptionsException">When there is any problem; nothing has run yet.</exception>
    public void EnsureValid()
    {
        if (State.Problems.Count > 0)
        {
            throw new BuildxCacheOptionsException(State.Problems);
        }
    }

    /// <summary>Records a successful login.</summary>
    /// <param name="host">The registry host.</param>
    public void MarkLoggedIn(string host) => _loggedIn.Add(host);

    /// <summary>Changes the options after they are read and before they are validated and planned.</summary>
    /// <param name="options">The options as read from arguments, environment, configuration and CI.</param>
    /// <returns>The options to use.</returns>
    protected virtual BuildxCacheOptions ConfigureOptions(BuildxCacheOptions options) => options;

    /// <summary>The run's one clock: build time, registry prune ages, token lifetimes and log section times all read it.</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>The creation time stamped on the image (<c>org.opencontainers.image.created</c>).</summary>
    /// <returns>The time, UTC.</returns>
    protected virtual DateTimeOffset BuildTime() => Clock.GetUtcNow();

    private BuildxCacheState Resolve()
    {
        var options = CakeOptionSources.ReadOptions(this);
        var resolution = GitRefResolver.Resolve(this, new RefOverrides(options.Branch, options.Sha, options.DefaultBranch));
        foreach (var note in resolution.Notes)
        {
            Log.Verbose("refs: {0}", note);
        }

        var refs = resolution.Refs;
        options = ConfigureOptions(LocalImagePolicy.Apply(options, refs, Environment.WorkingDirectory.GetDirectoryName()));
        var (run, runOptions) = RunPlanner.Plan(refs, options, DockerHostInfo.Read(Environment), BuildTime(), TasksToRun ?? []);
        var spelling = OptionSpelling.Check(Arguments.GetArguments().Keys, BuildxConfigKeys.Read(this), OptionCatalog.All);
        foreach (var warning in spelling.Warnings)
        {
            Log.Warning("{0}", warning);
        }

        var problems = spelling.Problems
            .Concat(BuildxCacheOptionsValidator.Validate(runOptions, refs.IsCI))
            .Concat(WorkspaceChecks.Check(runOptions, FileSystem, Environment))
            .ToList();
        var plan = run.Build;
        if (refs.Kind != RefKind.Detached && TagPrefixCollision.Find(plan.Image, plan.CacheRepo, runOptions.CacheTagPrefix, [refs.RefName]) is { } collision)
        {
            problems.Add(OptionProblem.For(OptionCatalog.CacheTagPrefix, runOptions.CacheTagPrefix, runOptions.Origins.GetValueOrDefault(OptionCatalog.CacheTagPrefix.Name), collision));
        }

        return new BuildxCacheState(runOptions, refs, run, problems, resolution.Notes);
    }
}
