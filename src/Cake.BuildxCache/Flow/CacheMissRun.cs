using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
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
        var key = run.BuildxOptions.CacheRecordKey is { IsEmpty: false } secret ? new RecordKey(secret.Reveal()) : null;
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
        var dockerfile = Absolute(run, plan.Dockerfile);
        var context = new DirectoryPath(plan.Context).MakeAbsolute(run.Environment);
        var outline = ReadText(run, dockerfile) is { } text ? DockerfileOutline.Parse(text) : null;
        var contextHasGit = run.FileSystem.Exist(context.Combine(".git")) || run.FileSystem.Exist(context.CombineWithFilePath(".git"));
        var ignoresGit = Dockerignore.ExcludesGit(ReadText(run, new FilePath(dockerfile.FullPath + ".dockerignore")) ?? ReadText(run, context.CombineWithFilePath(".dockerignore")));
        CacheMiss? Against(string? cacheRef) => CacheMissAnalysis.Explain(new CacheMissFacts(
            [.. summary.RanSteps.Select(step => step.Name)],
            outline,
            CacheInputs.From(cacheRef is null ? null : records![cacheRef]),
            cacheRef,
            now,
            contextHasGit,
            ignoresGit,
            plan.Features.NoCache,
            plan.Features.NoCacheFilter,
            records is not null));

        // One imported ref is the one BuildKit used. With several, BuildKit does not say which answered each step: each
        // ref's record is compared, and the explanation says which.
        var compared = records is null ? [] : summary.ImportedCacheRefs.Where(records.ContainsKey).ToList();
        var miss = Combine(compared.Count <= 1 ? [Against(compared.FirstOrDefault())] : [.. compared.Select(Against)], compared);
        if (miss is not null)
        {
            run.Information("cache miss: {0}", miss.Describe());
            run.Verbose(
                "cache miss: explained in {0} ms, comparing with {1}",
                Milliseconds(started),
                compared.Count == 0 ? "no record" : "the record of " + string.Join(" and of ", compared));
        }

        return miss;
    }

    /// <summary>
    /// The explanations against each imported ref's record as one: the same cause once, naming every ref compared;
    /// different causes each with the ref it was found against.
    /// </summary>
    /// <param name="misses">The explanation against each ref of <paramref name="compared"/>, in order (one when at most one was compared).</param>
    /// <param name="compared">The refs whose records were compared.</param>
    /// <returns>The explanation, or null.</returns>
    internal static CacheMiss? Combine(IReadOnlyList<CacheMiss?> misses, IReadOnlyList<string> compared)
    {
        ArgumentNullException.ThrowIfNull(misses);
        ArgumentNullException.ThrowIfNull(compared);
        if (misses.Count <= 1 || misses[0] is not { } first)
        {
            return misses.FirstOrDefault();
        }

        var whys = misses.Select((miss, i) => (Ref: compared[i], Why: miss?.Why)).ToList();
        var several = $"BuildKit read {compared.Count} cache refs and does not say which it used";
        return whys.All(item => item.Why == first.Why)
            ? first with { Why = $"{first.Why} (against the records of {string.Join(" and ", compared)}: {several})", CacheRef = compared[0] }
            : first with { Why = $"{several}: " + string.Join("; ", whys.Select(item => $"against {item.Ref}: {item.Why ?? "no cause found"}")), CacheRef = compared[0] };
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
