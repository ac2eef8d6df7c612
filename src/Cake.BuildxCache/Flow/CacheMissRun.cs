using System.Diagnostics;
using System.Globalization;
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
/// and <c>.dockerignore</c>, the record of the cache ref read) for <see cref="CacheMissAnalysis"/>. What this build's cache
/// was written with goes into the record <see cref="CacheRecordRun"/> puts on the ref it wrote.
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
