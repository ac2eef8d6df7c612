using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// One build as its hooks see it: the plan, what the hooks before it chose, what the build produced, and each hook's
/// part of the outcome, which the report reads at the end.
/// </summary>
/// <param name="run">The run.</param>
/// <param name="steps">The build's steps.</param>
/// <param name="version">The buildx version, when known.</param>
internal sealed class BuildInProgress(BuildxCacheRun run, BuildSteps steps, BuildxVersion? version)
{
    private BuildReport? _report;

    /// <summary>Gets the run.</summary>
    public BuildxCacheRun Run => run;

    /// <summary>Gets the build's steps.</summary>
    public BuildSteps Steps => steps;

    /// <summary>Gets the build plan.</summary>
    public BuildPlan Plan => steps.Plan;

    /// <summary>Gets the buildx version, when known.</summary>
    public BuildxVersion? Version => version;

    /// <summary>Gets or sets the <c>--cache-from</c> refs the build passes: the plan's, or those the registry has.</summary>
    public IReadOnlyList<CacheSpec> CacheFrom { get; set; } = steps.Plan.CacheFrom;

    /// <summary>Gets or sets the records of the cache-from refs (ref to record), when they were read.</summary>
    public IReadOnlyDictionary<string, CacheRecord>? CacheRecords { get; set; }

    /// <summary>Gets the build's metadata, once it ran (null when buildx wrote none).</summary>
    public BuildMetadata? Metadata { get; private set; }

    /// <summary>Gets or sets what the progress output says the build did (its elapsed time BuildKit's when the record gives it).</summary>
    public BuildReport Report
    {
        get => _report ?? throw new InvalidOperationException("the build has not run yet");
        set => _report = value;
    }

    /// <summary>Gets or sets the report's step counts, once counted.</summary>
    public StepCounts? Counts { get; set; }

    /// <summary>Gets or sets BuildKit's record of the build, when it was read.</summary>
    public BuildRecord? Record { get; set; }

    /// <summary>Gets or sets what this build ran with (<c>--explain-cache-miss</c>), for the cache records.</summary>
    public CacheInputs? Inputs { get; set; }

    /// <summary>Gets or sets the step-input digests of the carried cache mounts (mount id to digest), for the layer cache's record.</summary>
    public IReadOnlyDictionary<string, string>? MountSteps { get; set; }

    /// <summary>Gets or sets what was done for each carried cache mount, for the report.</summary>
    public IReadOnlyList<CacheMountFigures>? CacheMounts { get; set; }

    /// <summary>Gets or sets the first step a warm build ran and its likely cause.</summary>
    public CacheMiss? Miss { get; set; }

    /// <summary>Gets or sets the promotion's result (<c>--cache-promote</c>).</summary>
    public PromotionResult? Promotion { get; set; }

    /// <summary>Gets or sets what the push made of the tags: a read that runs while the later hooks do.</summary>
    public Task<ImageChange?> ImageChange { get; set; } = Task.FromResult<ImageChange?>(null);

    /// <summary>Records what the build produced, before the hooks' after-build parts run.</summary>
    /// <param name="metadata">The metadata file's content, or null.</param>
    /// <param name="report">The progress output, parsed.</param>
    public void Built(BuildMetadata? metadata, BuildReport report)
    {
        Metadata = metadata;
        Report = report;
    }
}
