using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.Core;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>
/// The build context of the buildx tasks: one <see cref="BuildxCacheRun"/> shared by every task of the run. Subclass
/// it (and register it with <c>UseBuildxCache&lt;TContext&gt;</c>) to change options in code: override
/// <see cref="ConfigureOptions"/>.
/// </summary>
public class BuildxCacheContext : FrostingContext
{
    private readonly Lazy<BuildxCacheRun> _buildx;

    /// <summary>Initializes a new instance of the <see cref="BuildxCacheContext"/> class.</summary>
    /// <param name="context">Cake's context.</param>
    public BuildxCacheContext(ICakeContext context)
        : base(context)
    {
        // On first use, not here: a subclass's overrides of the virtual members are ready only after its constructor.
        _buildx = new Lazy<BuildxCacheRun>(() => new BuildxCacheRun(this, new BuildxCacheSettings { Configure = ConfigureOptions, Clock = Clock, BuildTime = BuildTime }));
    }

    /// <summary>Gets the run: options, refs, plan, and the flow's steps.</summary>
    public BuildxCacheRun Buildx => _buildx.Value;

    /// <summary>Gets the options of this run.</summary>
    public BuildxCacheOptions BuildxOptions => Buildx.BuildxOptions;

    /// <summary>Gets where the build stands.</summary>
    public GitRefInfo Refs => Buildx.Refs;

    /// <summary>Gets the build plan of BuildWithCache (Publish's is <c>Run.PublishBuild</c>).</summary>
    public BuildPlan Plan => Buildx.Plan.Build;

    /// <summary>Gets the run plan: every task's steps.</summary>
    public RunPlan Run => Buildx.Plan;

    /// <summary>Gets the result of the build, once BuildWithCache or Publish ran.</summary>
    public BuildOutcome? Outcome => Buildx.Outcome;

    /// <summary>The run's one clock: build time, registry prune ages, token lifetimes and log section times all read it.</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>Changes the options after they are read and before they are validated and planned.</summary>
    /// <param name="options">The options as read from arguments, environment, configuration and CI.</param>
    /// <returns>The options to use.</returns>
    protected virtual BuildxCacheOptions ConfigureOptions(BuildxCacheOptions options) => options;

    /// <summary>
    /// The build time: stamped on the image (<c>org.opencontainers.image.created</c>) with <c>--reproducible=false</c>, or
    /// when the commit time is unknown; a reproducible image carries the commit time instead.
    /// </summary>
    /// <returns>The time, UTC.</returns>
    protected virtual DateTimeOffset BuildTime() => Clock.GetUtcNow();
}
