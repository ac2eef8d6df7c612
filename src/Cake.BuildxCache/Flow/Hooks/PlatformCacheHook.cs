using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The per-platform cache of a multi-node build (<see cref="PlatformCachePolicy"/>): after the build, runs each
/// platform's cache-only build, which buildx sends to the node that declares the platform, and puts the cache record on
/// the ref it wrote, then, under <c>--cache-promote</c>, promotes that commit ref to the platform's branch ref. A
/// cache-only build that fails is a warning when the cache's <c>ignore-error</c> says a cache that
/// cannot be written must not fail the build (the image is out already).
/// </summary>
/// <param name="run">The run.</param>
/// <param name="plan">The main build's plan.</param>
internal sealed class PlatformCacheHook(BuildxCacheRun run, BuildPlan plan) : BuildHook
{
    /// <inheritdoc />
    public override async Task AfterBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        foreach (var export in plan.CacheExports)
        {
            await ExportAsync(export, build.Version).ConfigureAwait(false);
        }
    }

    private async Task ExportAsync(BuildPlan export, BuildxVersion? version)
    {
        var platform = export.Platforms[0];
        var started = Stopwatch.GetTimestamp();
        var progress = new List<string>();
        var settings = DockerCommands.Build(export, null, version);
        settings.OutputHandler = line =>
        {
            progress.Add(line);
            run.Log.Write(Verbosity.Verbose, LogLevel.Verbose, "{0}", line);
        };
        var metadataFile = settings.MetadataFile!.MakeAbsolute(run.Environment);
        if (run.FileExists(metadataFile))
        {
            run.DeleteFile(metadataFile);
        }

        run.Information("cache of {0}: a cache-only build on its node writes {1}", platform, export.CacheTo!.Ref);
        try
        {
            run.BuildxBuild(settings);
        }
        catch (CakeException exception) when (export.CacheTo.IgnoreError == true)
        {
            run.Warning("cache of {0}: not written: {1} (the image was built; the next build of {0} reads an older cache or starts cold)", platform, exception.Message);
            return;
        }

        var report = BuildProgress.Parse(progress);
        var metadata = run.FileExists(metadataFile) ? run.BuildxReadMetadata(metadataFile) : null;
        var ran = BuildSummary.From(report).Ran;
        run.Information(
            "cache of {0}: {1} in {2} s ({3} step(s) ran again on the node)",
            platform,
            report.CacheExported ? "exported to " + export.CacheTo.Ref : "not exported",
            Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            ran);
        if (await CacheRecordRun.RecordAsync(run, export, metadata, null, null, report.CacheExported).ConfigureAwait(false) is { } recorded)
        {
            if (recorded.Warning)
            {
                run.Warning("{0}", recorded.Line);
            }
            else
            {
                run.Information("{0}", recorded.Line);
            }
        }

        // As after a one-platform build: the record is on the commit ref before the promotion copies it.
        if (export.Promotion is { } promotion && report.CacheExported)
        {
            await CachePromotionRun.RunAsync(run, promotion, export.CacheTo.IgnoreError != false).ConfigureAwait(false);
        }
    }
}
