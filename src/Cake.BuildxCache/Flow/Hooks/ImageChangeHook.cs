using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// "Image unchanged" for a reproducible push: reads what the tags point at before the build, and compares the
/// pushed digest with it after (the report's verdict).
/// </summary>
/// <param name="run">The run.</param>
/// <param name="plan">The plan the hook was chosen for.</param>
internal sealed class ImageChangeHook(BuildxCacheRun run, BuildPlan plan) : BuildHook
{
    private Task<IReadOnlyList<KeyValuePair<string, ImageIdentity?>>?>? _before;
    private IReadOnlyList<KeyValuePair<string, ImageIdentity?>>? _tags;

    /// <inheritdoc />
    public override void Start() => _before ??= Task.Run(() => ImageChangeCheck.BeforeAsync(run, plan));

    /// <inheritdoc />
    public override async Task BeforeBuildAsync(BuildInProgress build)
    {
        Start();
        _tags = await _before!.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task AfterBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);

        // Not awaited here: the registry is asked what the push made of the tags while the later hooks read
        // BuildKit's record and write the cache record; the report awaits it.
        build.ImageChange = ImageChangeCheck.AfterAsync(run, build.Plan, _tags, build.Metadata?.Digest);
        return Task.CompletedTask;
    }
}
