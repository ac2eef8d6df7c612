using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// <c>--explain-cache-miss</c> around a build: gathers what the build can see (the Dockerfile, the context's <c>.git</c>
/// and <c>.dockerignore</c>, the record of the cache ref read) for <see cref="CacheMissAnalysis"/>, and puts the record of
/// what this build's cache was written with on the cache ref it wrote (without <c>--cache-promote</c>; with it, the
/// promotion's copy carries the record).
/// </summary>
internal static class CacheMissRun
{
    /// <summary>
    /// What this build ran with, for its cache record: keyed digests of the build arguments a record may keep (declared by
    /// a built stage, not secret-named; none without <c>--cache-record-key</c>) and the base images BuildKit resolved.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <param name="baseImages">The base images of BuildKit's record of the build, or null when it was not read.</param>
    /// <returns>The inputs.</returns>
    public static CacheInputs Inputs(BuildxCacheRun run, BuildPlan plan, IReadOnlyDictionary<string, string>? baseImages)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var key = OptionCatalog.CacheRecordKey.ValueIn(run.BuildxOptions) is { IsEmpty: false } secret ? new RecordKey(secret.Reveal()) : null;
        var outline = ReadText(run, Absolute(run, plan.Dockerfile)) is { } text ? DockerfileOutline.Parse(text) : null;
        return CacheInputs.Of(plan.BuildArgs, RecordedBuildArgs.Names(plan.BuildArgs, outline, plan.Target), key, baseImages);
    }

    /// <summary>Names the first step of a warm build that ran and its likely cause, and logs it.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <param name="summary">What the build did.</param>
    /// <param name="records">The records of the cache-from refs passed (ref to record), or null when they were not read.</param>
    /// <param name="now">What this build ran with.</param>
    /// <returns>The miss, or null when the build imported no cache or ran no step.</returns>
    public static CacheMiss? Explain(BuildxCacheRun run, BuildPlan plan, BuildSummary summary, IReadOnlyDictionary<string, CacheRecord>? records, CacheInputs now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(now);
        if (summary.ImportedCacheRefs.Count == 0 || summary.RanSteps.Count == 0)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var cacheRef = records is null ? null : summary.ImportedCacheRefs.FirstOrDefault(records.ContainsKey);
        var dockerfile = Absolute(run, plan.Dockerfile);
        var context = new DirectoryPath(plan.Context).MakeAbsolute(run.Environment);
        var facts = new CacheMissFacts(
            [.. summary.RanSteps.Select(step => step.Name)],
            ReadText(run, dockerfile) is { } text ? DockerfileOutline.Parse(text) : null,
            CacheInputs.From(cacheRef is null ? null : records![cacheRef]),
            cacheRef,
            now,
            run.FileSystem.Exist(context.Combine(".git")) || run.FileSystem.Exist(context.CombineWithFilePath(".git")),
            Dockerignore.ExcludesGit(ReadText(run, new FilePath(dockerfile.FullPath + ".dockerignore")) ?? ReadText(run, context.CombineWithFilePath(".dockerignore"))),
            plan.Features.NoCache,
            plan.Features.NoCacheFilter,
            records is not null);
        var miss = CacheMissAnalysis.Explain(facts);
        if (miss is not null)
        {
            run.Information("cache miss: {0}", miss.Describe());
            run.Verbose("cache miss: explained in {0} ms, comparing with {1}", Milliseconds(started), cacheRef is null ? "no record" : "the record of " + cacheRef);
        }

        return miss;
    }

    /// <summary>
    /// Puts the record of <paramref name="now"/> on the cache ref the build wrote, when the tag still holds the cache this
    /// build wrote. It logs nothing itself (it runs while the flow reads BuildKit's record of the build): the caller logs the
    /// line it returns. A registry failure is a warning: the record only explains later misses.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan (without a promotion).</param>
    /// <param name="metadata">The build's metadata (the digest of the cache manifest it wrote).</param>
    /// <param name="now">What this build ran with.</param>
    /// <param name="exported">True when the build's cache export finished.</param>
    /// <returns>The line to log, and whether it is a warning; null when there is nothing to record.</returns>
    public static async Task<(string Line, bool Warning)?> RecordAsync(BuildxCacheRun run, BuildPlan plan, BuildMetadata? metadata, CacheInputs now, bool exported)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(now);
        if (plan.CacheTo is not { Type: "registry", Ref: { } cacheRef } || !exported)
        {
            return null;
        }

        if (!CacheRecord.IsFullSha(plan.Refs.Sha))
        {
            return ($"cache record: not written: commit '{plan.Refs.Sha}' is not a full sha", false);
        }

        if (metadata?.CacheManifestDigest is not { } written)
        {
            return ($"cache record: not written: the metadata file names no cache manifest (cache.manifest), so it cannot be told that {cacheRef} holds this build's cache", false);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var client = RegistryAccess.Client(run);
            var (_, log) = await new CacheRecordWriter(client).WriteAsync(cacheRef, written, now.AddTo(CacheRecord.Of(plan.Refs.Sha))).ConfigureAwait(false);
            return ($"{log} in {Milliseconds(started)} ms", false);
        }
        catch (Exception exception) when (exception is RegistryException or System.Text.Json.JsonException or ArgumentException)
        {
            // A record that cannot be written never fails a build whose cache was written.
            return ($"cache record: not written: {exception.Message} (the cache itself was written; a later miss is explained without it)", true);
        }
    }

    private static FilePath Absolute(ICakeContext context, string path) => new FilePath(path).MakeAbsolute(context.Environment);

    private static string Milliseconds(long started) =>
        Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    private static string? ReadText(ICakeContext context, FilePath path)
    {
        var file = context.FileSystem.GetFile(path);
        if (!file.Exists)
        {
            return null;
        }

        try
        {
            using var stream = file.OpenRead();
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
