using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// One run of the flow (Plan → EnsureBuilder → Login → Build or Publish → Prune → Logout) over a Cake context:
/// the options, refs and plan, resolved once on first use, and what the steps so far left behind (the buildx
/// version, the registries logged in to, the build's outcome). The tasks of both hosts and the aliases drive it;
/// it decides nothing itself: every step comes from the <see cref="RunPlan"/>.
/// </summary>
public sealed class BuildxCacheRun : CakeContextAdapter
{
    private readonly BuildxCacheSettings _settings;
    private readonly Lazy<BuildxCacheState> _state;
    private readonly HashSet<string> _loggedIn = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<FilePath?> _buildxPlugin;
    private BakeFileReadout _bakeFile = new([], []);
    private readonly IProcessRunner _processRunner;
    private string? _builtBy;
    private (BuildPlan Plan, IReadOnlyList<BuildHook> Hooks)? _startedHooks;

    /// <summary>Initializes a new instance of the <see cref="BuildxCacheRun"/> class.</summary>
    /// <param name="context">Cake's context.</param>
    /// <param name="settings">Where the options come from; null reads them like the tasks.</param>
    public BuildxCacheRun(ICakeContext context, BuildxCacheSettings? settings = null)
        : base(context)
    {
        _settings = settings ?? new BuildxCacheSettings();
        _state = new Lazy<BuildxCacheState>(Resolve);
        _buildxPlugin = new Lazy<FilePath?>(FindBuildxPlugin);
        _processRunner = new DirectBuildxProcessRunner(
            base.ProcessRunner,
            () => _buildxPlugin.Value,
            () => BuildxVersion?.Number >= DirectBuildxProcessRunner.StandaloneSince);
    }

    /// <summary>Gets the process runner of this run's steps: buildx commands start the buildx plugin directly where it can (<c>--buildx-plugin</c>).</summary>
    public override IProcessRunner ProcessRunner => _processRunner;

    /// <summary>Gets the buildx plugin this run starts directly (<c>--buildx-plugin</c>), or null when buildx runs through docker.</summary>
    public FilePath? BuildxPlugin => _buildxPlugin.Value;

    /// <summary>Gets the resolved state: options, refs, plan and problems.</summary>
    public BuildxCacheState State => _state.Value;

    /// <summary>Gets the run plan: every step of every part of the flow.</summary>
    public RunPlan Plan => State.Run;

    /// <summary>Gets the options of this run, read and completed.</summary>
    public BuildxCacheOptions BuildxOptions => State.Options;

    /// <summary>Gets where the build stands.</summary>
    public GitRefInfo Refs => State.Refs;

    /// <summary>Gets the run's clock.</summary>
    public TimeProvider Clock => _settings.Clock;

    /// <summary>Gets the registries this run logged in to.</summary>
    public IReadOnlyCollection<string> LoggedInRegistries => _loggedIn;

    /// <summary>Gets the buildx version, once <see cref="EnsureBuilder"/> (or a prune with a space limit) asked for it.</summary>
    public BuildxVersion? BuildxVersion { get; private set; }

    /// <summary>Gets the result of the last build of this run, once one ran.</summary>
    public BuildOutcome? Outcome { get; private set; }

    /// <summary>Stops the run with every problem listed when the options or the workspace are wrong.</summary>
    /// <exception cref="BuildxCacheOptionsException">When there is any problem; nothing has run yet.</exception>
    public void EnsureValid() => EnsureValid(needsBuildx: true);

    /// <summary>
    /// Stops a task that builds nothing (the registry prune) with every problem listed when the options are wrong:
    /// as <see cref="EnsureValid()"/>, without the problems of what only a build uses (<see cref="BuildxCacheState.BuildProblems"/>).
    /// </summary>
    /// <exception cref="BuildxCacheOptionsException">When there is any such problem; nothing has run yet.</exception>
    internal void EnsureValidWithoutBuild() => EnsureValid(needsBuildx: true, builds: false);

    // Plan needs no buildx: without it, it prints the bake file's one line and stays valid.
    private void EnsureValid(bool needsBuildx, bool builds = true)
    {
        // A refused bake file first: without its images the plan is of the run's own image, whose problems would mislead.
        if (BakeFile.OptionProblems(State.Options, needsBuildx) is { Count: > 0 } bakeFileProblems)
        {
            throw new BuildxCacheOptionsException(bakeFileProblems);
        }

        var problems = builds ? State.Problems : [.. State.Problems.Except(State.BuildProblems)];
        if (problems.Count > 0)
        {
            throw new BuildxCacheOptionsException(problems);
        }
    }

    /// <summary>
    /// Gets the user's bake file (<c>--bake-file</c>) as buildx read it when the run was resolved: its images (the
    /// run's images), or why it is refused, or why buildx cannot read it; empty without <c>--bake-file</c>.
    /// </summary>
    internal BakeFileReadout BakeFile
    {
        get
        {
            _ = State; // resolving the run reads the file
            return _bakeFile;
        }
    }

    /// <summary>Prints the refs, options, plan and the exact command line of every step (secrets redacted); runs no docker.</summary>
    /// <exception cref="BuildxCacheOptionsException">After printing, when the options have problems.</exception>
    public void PrintPlan()
    {
        foreach (var line in PlanReport.Lines(State, new CommandLines(this), CacheMountRun.Plan(this, State.Plan)))
        {
            // Quiet verbosity: the plan is the output the user asked for.
            Log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", line);
        }

        foreach (var line in BakeFilePlan.Lines(BuildxOptions, BakeFile).Concat(BakeCommandsPlan.Lines(this)))
        {
            Log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", line);
        }

        EnsureValid(needsBuildx: false);
    }

    /// <summary>Gets the builder this run's EnsureBuilder made ready, or null before (or without) it.</summary>
    public string? EnsuredBuilder { get; private set; }

    /// <summary>
    /// Reuses or (re)creates the builder and bootstraps it. While it comes up, Publish's build hooks start their
    /// registry reads (read-only: which cache-from refs exist, what the image's tags point at); the build uses them
    /// when it renders the same command line.
    /// </summary>
    public void EnsureBuilder()
    {
        EnsureValid();
        _startedHooks = (Plan.PublishBuild, Started(BuildHooks.For(this, Plan.PublishBuild)));
        BuildxVersion = BuilderSetup.Ensure(this, Plan.EnsureBuilder);
        EnsuredBuilder = Plan.EnsureBuilder.Builder.Name;
    }

    /// <summary>
    /// The hooks of the build of <paramref name="plan"/>, started: those EnsureBuilder started when the build renders
    /// the same <c>docker buildx build</c> (once: a second build asks again), else new ones.
    /// </summary>
    /// <param name="plan">The build plan.</param>
    /// <returns>The hooks, in the order they run.</returns>
    internal IReadOnlyList<BuildHook> HooksFor(BuildPlan plan)
    {
        if (_startedHooks is { } started && ImageBuild.SameCommand(started.Plan, plan))
        {
            _startedHooks = null;
            return started.Hooks;
        }

        return Started(BuildHooks.For(this, plan));
    }

    /// <summary>The buildx version: as asked before in this run, else asked now (once).</summary>
    /// <param name="settings">The <c>docker buildx version</c> step.</param>
    /// <returns>The version.</returns>
    internal BuildxVersion KnownBuildxVersion(BuildxVersionSettings settings) =>
        BuildxVersion ??= BuildxAliases.BuildxVersion(this, settings);

    /// <summary>Logs in to every registry either build of the plan reads or writes (password on stdin).</summary>
    public void Login()
    {
        foreach (var host in RegistryLogins.LogIn(this, Plan.Login))
        {
            _loggedIn.Add(host);
        }
    }

    /// <summary>The build as planned for a build that is not Publish: pushes in CI, loads on a laptop, unless the options say otherwise.</summary>
    /// <returns>What the build produced.</returns>
    public async Task<BuildOutcome> BuildAsync()
    {
        if (BuiltAlready(BuildxCacheTaskNames.Publish) is { } done)
        {
            return done;
        }

        Outcome = await BuildOnceAsync(publish: false).ConfigureAwait(false);
        _builtBy = BuildxCacheTaskNames.BuildWithCache;
        return Outcome;
    }

    /// <summary>The build as Publish runs it (it pushes, also on a laptop, unless <c>--push=false</c> or a fork's merge request), then the builder prune when a limit is set.</summary>
    /// <returns>What the build produced.</returns>
    public async Task<BuildOutcome> PublishAsync()
    {
        var outcome = BuiltAlready(BuildxCacheTaskNames.BuildWithCache)
            ?? (Outcome = await BuildOnceAsync(publish: true).ConfigureAwait(false));
        _builtBy = BuildxCacheTaskNames.Publish;
        if (Plan.PruneAfterPublish)
        {
            BuilderPrune.Run(this, Plan.BuilderPrune);
        }

        var output = Plan.PublishBuild.Output;
        if (output != OutputMode.Push)
        {
            // A fork's merge request, or --push=false: the build loaded (or kept) the image.
            this.Information("Nothing published: the image was {0}.", output == OutputMode.Load ? "loaded into the local engine" : "kept in the build cache");
        }
        else if (outcome.Digest is { } digest)
        {
            this.Information("Published {0}@{1}", Plan.PublishBuild.Image, digest);
        }

        return outcome;
    }

    /// <summary>What each declared image's build produced, by name, once the bake ran; empty without image sections.</summary>
    internal IReadOnlyList<KeyValuePair<string, BuildOutcome>> ImageOutcomes { get; private set; } = [];

    // Without declared images (image sections or a bake file) the one docker buildx build; with them one docker buildx bake of every image (the first's outcome stands for the run's).
    private async Task<BuildOutcome> BuildOnceAsync(bool publish)
    {
        if (!Plan.Bakes)
        {
            return await CacheBuild.RunAsync(this, publish ? Plan.Publish : Plan.BuildWithCache, BuildxVersion).ConfigureAwait(false);
        }

        ImageOutcomes = await BakeBuild.RunAsync(
            this,
            [.. Plan.Images.Select(image => new KeyValuePair<string, BuildSteps>(image.Name, publish ? image.PublishSteps : image.BuildWithCache))],
            BuildxVersion).ConfigureAwait(false);
        return ImageOutcomes[0].Value;
    }

    /// <summary>
    /// Joins the platform images the fan-out jobs pushed by digest into one index under the tags Publish would write
    /// (<c>docker buildx imagetools create</c>); refuses, with nothing moved, when a platform is missing or not this
    /// commit's; under <c>--reproducible</c> moves no tag when the tags hold these image manifests already.
    /// </summary>
    /// <returns>A task that completes when the merge is done.</returns>
    public async Task MergeAsync()
    {
        EnsureValid();
        await MergeRun.RunAsync(this, Plan.Merge ?? throw new CakeException("this run has no merge plan")).ConfigureAwait(false);
    }

    /// <summary>Runs BuildKit's checks on the Dockerfile (<c>docker buildx build --call=check</c>) on the builder.</summary>
    public void Lint() => LintRun.Run(this, Plan.Lint, BuildxVersion);

    /// <summary>Prunes the builder (or, with <c>--prune-registry</c>, the registry's stale cache tags).</summary>
    /// <returns>A task that completes when the prune is done.</returns>
    public async Task PruneAsync()
    {
        if (Plan.PruneRegistry)
        {
            await RegistryPrune.RunAsync(this).ConfigureAwait(false);
            return;
        }

        EnsureValid();
        if (Plan.BuilderPruneRefusal is { } refusal)
        {
            throw new CakeException(refusal);
        }

        BuilderPrune.Run(this, Plan.BuilderPrune);
    }

    /// <summary>When the plan logs out (<c>--logout</c>, by default in CI), logs out of the registries this run logged in to.</summary>
    public void Logout()
    {
        if (!Plan.Logout)
        {
            return;
        }

        RegistryLogins.LogOut(this, [.. _loggedIn]);
        _loggedIn.Clear();
    }

    // One run builds an image once: the other build of the plan, when it is the same command, reuses its outcome.
    private BuildOutcome? BuiltAlready(string by)
    {
        if (Outcome is not { } done || _builtBy != by || !Plan.BuildsAreTheSame)
        {
            return null;
        }

        this.Information("{0} built this image already in this run ({1}): not building it twice.", by, done.Digest ?? string.Join(", ", done.Tags));
        return done;
    }

    private static IReadOnlyList<BuildHook> Started(IReadOnlyList<BuildHook> hooks)
    {
        foreach (var hook in hooks)
        {
            hook.Start();
        }

        return hooks;
    }

    private FilePath? FindBuildxPlugin() => State.Options.BuildxPlugin switch
    {
        BuildxPluginChoice.Docker => null,
        BuildxPluginChoice.Auto => BuildxPluginLocator.Find(base.Environment, base.FileSystem),
        var path => new FilePath(path).MakeAbsolute(base.Environment),
    };

    private BuildxCacheState Resolve()
    {
        var read = CakeOptionSources.ReadOptions(this);
        var options = _settings.Options is { } given ? CodeOrigins.Mark(read, given) : read;

        var resolution = GitRefResolver.Resolve(this, new RefOverrides(options.Branch, options.Sha, options.DefaultBranch));
        foreach (var note in resolution.Notes)
        {
            Log.Verbose("refs: {0}", note);
        }

        var refs = resolution.Refs;
        options = LocalImagePolicy.Apply(options, refs, Environment.WorkingDirectory.GetDirectoryName());
        if (_settings.Configure is { } configure)
        {
            options = CodeOrigins.Mark(options, configure(options));
        }

        // The user's bake file declares the run's images as image sections do: read (through buildx, docker's own
        // process runner: the plugin choice is this state's) before the plan, which takes them the same way.
        var declared = options.Images;
        // A missing file is the workspace check's problem: buildx is not asked about it.
        var bakeFilesExist = options.BakeFiles.All(file => FileSystem.Exist(new FilePath(file).MakeAbsolute(Environment.WorkingDirectory)));
        _bakeFile = bakeFilesExist ? BakeFileReading.Read(this, base.ProcessRunner, options, Environment.WorkingDirectory) : new([], []);
        if (options.BakeFiles.Count > 0)
        {
            options = options with { Images = _bakeFile.Images };
        }

        var created = _settings.BuildTime?.Invoke() ?? Clock.GetUtcNow();
        var run = RunPlanner.Plan(refs, options, DockerHostInfo.Read(Environment), created);

        // Given options were not read from this context's arguments and cake.config: there is nothing to spell-check.
        var spelling = _settings.Options is null
            ? OptionSpelling.Check(Arguments.GetArguments().Keys, BuildxConfigKeys.Read(this), OptionCatalog.All)
            : OptionSpelling.Check([], [], OptionCatalog.All);
        foreach (var warning in spelling.Warnings.Concat(options.ReadWarnings))
        {
            Log.Warning("{0}", warning);
        }

        var problems = spelling.Problems
            .Concat(BakeFileReadout.BesideImageSections(options, declared))
            .Concat(BuildxCacheOptionsValidator.Validate(options, refs.IsCI))
            .Concat(run.Images.Zip(ImageOptions.PerImage(options)).SelectMany(pair => PlanChecks.Check(pair.First.Build, pair.Second)))
            .Concat(ImagePlanChecks.Check(run))
            .ToList();
        var buildProblems = ImageOptions.PerImage(options).SelectMany(image => WorkspaceChecks.Check(image, FileSystem, Environment)).DistinctBy(problem => problem.Message, StringComparer.Ordinal).ToList();
        if (run.Builder.LoopbackRegistry.Problem is { } unreachable)
        {
            buildProblems.Add(unreachable);
        }

        return new BuildxCacheState(options, refs, run, [.. problems, .. buildProblems], resolution.Notes) { BuildProblems = buildProblems };
    }
}
