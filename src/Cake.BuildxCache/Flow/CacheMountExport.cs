using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// After a successful build: for each cache mount the plan writes, a helper build copies the mount's folder out and
/// measures it; <see cref="CacheMountPolicy.Export"/> decides; when the content changed, a second helper build pushes it
/// (its copy is cached from the first) and the image gets its record (the mount, the content digest, the commit, the
/// time) by the same writer as the layer cache's. A failure is a warning: the image was built.
/// </summary>
internal static class CacheMountExport
{
    /// <summary>Exports the mounts that changed.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan (its commit).</param>
    /// <param name="imports">What <see cref="CacheMountImport"/> returned.</param>
    /// <param name="ranLines">The Dockerfile lines of the build's steps that ran (<see cref="CacheMountRun.RanLines"/>).</param>
    /// <returns>Per mount, what was done after the build.</returns>
    public static async Task<IReadOnlyList<CacheMountFigures>> RunAsync(BuildxCacheRun run, BuildPlan plan, (CacheMountsPlan Plan, IReadOnlyList<CacheMountImported> Imported) imports, IReadOnlyList<int?>? ranLines)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var (mounts, imported) = imports;
        var figures = new List<CacheMountFigures>();
        foreach (var item in imported)
        {
            var id = item.Mount.Mount.Id;
            CacheMountFigures Figures(string after, string why, long? bytes, TimeSpan elapsed) =>
                new(id, item.From is not null, item.From, item.Why, item.Bytes, item.Elapsed, after, why, bytes, elapsed);
            if (item.Mount.WriteRef is null)
            {
                var why = mounts.ReadOnlyReason ?? "the build writes no cache";
                run.Information("cache mount '{0}': not exported: {1}", id, why);
                figures.Add(Figures("skipped", why, null, TimeSpan.Zero));
                continue;
            }

            if (!CommitSha.IsFull(plan.Refs.Sha))
            {
                var why = $"commit '{plan.Refs.Sha}' is not a full sha, and a mount image without its record is never read";
                run.Information("cache mount '{0}': not exported: {1}", id, why);
                figures.Add(Figures("skipped", why, null, TimeSpan.Zero));
                continue;
            }

            if (CacheMountPolicy.NoStepRan(item.Mount.Mount, ranLines) is { } unchanged)
            {
                run.Information("cache mount '{0}': {1}", id, unchanged);
                figures.Add(Figures("unchanged", unchanged, null, TimeSpan.Zero));
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var (after, why, bytes) = await ExportAsync(run, plan, mounts, item).ConfigureAwait(false);
                figures.Add(Figures(after, why, bytes, Stopwatch.GetElapsedTime(started)));
            }
            catch (Exception exception) when (exception is CakeException or RegistryException or IOException)
            {
                run.Warning("cache mount '{0}': not exported: {1} (the image was built; the next runner fills the mount from the older image, or starts it empty)", id, exception.Message);
                figures.Add(Figures("failed", exception.Message.Split('\n')[0], null, Stopwatch.GetElapsedTime(started)));
            }
        }

        return figures;
    }

    private static async Task<(string After, string Why, long Bytes)> ExportAsync(BuildxCacheRun run, BuildPlan plan, CacheMountsPlan mounts, CacheMountImported item)
    {
        var started = Stopwatch.GetTimestamp();
        var id = item.Mount.Mount.Id;
        var directory = CacheMountRun.Directory(CacheMountHelpers.ExportDockerfile(mounts, item.Mount));
        try
        {
            var path = new DirectoryPath(directory.FullName);
            var nonce = CacheMountRun.NewRunValue();
            CacheMountRun.Build(run, CacheMountHelpers.Measure(mounts, path, nonce));
            var measured = File.ReadAllText(System.IO.Path.Combine(directory.FullName, "measure", CacheMountHelpers.ContentFile));
            var content = CacheMountContent.Parse(measured)
                ?? throw new IOException($"the helper measured '{measured.Trim()}', not a digest, bytes and files");
            var (push, why) = CacheMountPolicy.Export(item.Mount, mounts, content, item.Record);
            if (!push)
            {
                var line = $"cache mount '{id}': {CacheMountContent.Describe(content.Bytes)} in {content.Files} files, {why}, checked in {Seconds(started)} s";
                if (content.Bytes > mounts.MaxBytes)
                {
                    run.Warning("{0}", line);
                }
                else
                {
                    run.Information("{0}", line);
                }

                return (why.StartsWith("unchanged", StringComparison.Ordinal) ? "unchanged" : "skipped", why, content.Bytes);
            }

            var export = CacheMountHelpers.Export(mounts, path, item.Mount.WriteRef!, nonce);
            CacheMountRun.Build(run, export);
            var metadata = run.BuildxReadMetadata(export.MetadataFile!);
            if (metadata.Digest is not { } digest)
            {
                throw new IOException($"buildx named no image digest for {item.Mount.WriteRef} in its metadata file");
            }

            var record = CacheRecord.Of(plan.Refs.Sha).WithWritten(run.Clock.GetUtcNow())
                .With(CacheMountPolicy.MountIdField, id)
                .With(CacheMountPolicy.ContentDigestField, content.Digest)
                .With(CacheMountPolicy.ContentBytesField, content.Bytes.ToString(CultureInfo.InvariantCulture));
            using var client = RegistryAccess.Client(run);
            var (recorded, log) = await new CacheRecordWriter(client).WriteAsync(item.Mount.WriteRef!, digest, record).ConfigureAwait(false);
            if (recorded is null)
            {
                run.Warning("cache mount '{0}': {1}", id, log);
            }

            run.Information(
                "cache mount '{0}': {1} in {2} files, {3}: exported to {4} in {5} s",
                id,
                CacheMountContent.Describe(content.Bytes),
                content.Files,
                why,
                item.Mount.WriteRef!,
                Seconds(started));
            return ("exported", why, content.Bytes);
        }
        finally
        {
            CacheMountRun.Remove(directory);
        }
    }

    private static string Seconds(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
