using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// <c>--check-cache-refs</c>: asks the registry which cache-from refs exist (and, with <c>--explain-cache-miss</c>,
/// reads their records; with <c>--cache-mounts</c> too, whose fill reads the step-input digests they keep) so the build
/// passes only those.
/// </summary>
/// <param name="run">The run.</param>
/// <param name="plan">The plan the hook was chosen for.</param>
internal sealed class CacheRefCheckHook(BuildxCacheRun run, BuildPlan plan) : BuildHook
{
    private Task<CacheFromSelection>? _check;

    /// <inheritdoc />
    public override void Start() => _check ??= Task.Run(SelectAsync);

    /// <inheritdoc />
    public override async Task BeforeBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        Start();
        var selection = await _check!.ConfigureAwait(false);
        foreach (var line in selection.Log)
        {
            if (selection.HasWarnings)
            {
                run.Warning("{0}", line);
            }
            else
            {
                run.Information("{0}", line);
            }
        }

        build.CacheFrom = selection.From;
        build.CacheRecords = selection.Records;
    }

    private async Task<CacheFromSelection> SelectAsync()
    {
        // Without a branch to ask the remote about, a recorded commit the clone lacks stays unknown: the ref keeps its place.
        var commit = plan.Refs.Sha;
        var history = GitAncestry.History(run.ProcessRunner, run.Tools, run.Environment.WorkingDirectory.FullPath, branch: null);
        using var client = RegistryAccess.Client(run);
        var checker = new CacheRefChecker(client);
        if (plan.PlatformCaches.Count == 0)
        {
            return await checker.SelectAsync(plan.CacheFromChain, plan.ExplainsCacheMiss || plan.CarriesCacheMounts, commit, recorded => history.Relate(recorded, commit)).ConfigureAwait(false);
        }

        // A multi-node build reads one ref of each platform's chain: each node finds its platform's cache.
        var selections = new List<CacheFromSelection>();
        foreach (var platform in plan.PlatformCaches)
        {
            selections.Add(await checker.SelectAsync(platform.From, plan.ExplainsCacheMiss || plan.CarriesCacheMounts, commit, recorded => history.Relate(recorded, commit)).ConfigureAwait(false));
        }

        return new([.. selections.SelectMany(selection => selection.From)], [.. selections.SelectMany(selection => selection.Log)], selections.Any(selection => selection.HasWarnings))
        {
            Records = selections.SelectMany(selection => selection.Records).DistinctBy(pair => pair.Key).ToDictionary(StringComparer.Ordinal),
        };
    }
}
