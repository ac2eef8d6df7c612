using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Puts a <see cref="CacheRecord"/> on the registry cache ref a build has just written, with every build that writes one
/// (not only with <c>--explain-cache-miss</c>): the commit, when it was written (the registry prune's age rule trusts
/// nothing else), with <c>--cache-promote</c> the branch ref the commit ref is promoted to (what proves to the prune that
/// it is a commit ref), and with <c>--explain-cache-miss</c> what the cache was written with. It costs a GET and a PUT of
/// the manifest after the export.
/// </summary>
internal static class CacheRecordRun
{
    /// <summary>
    /// Writes the record, when the tag still holds the cache this build wrote. It logs nothing itself (it runs while the
    /// flow reads BuildKit's record of the build): the caller logs the line it returns. A registry failure is a warning:
    /// the cache itself was written.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan (its <c>--cache-to</c> ref is the commit ref with <c>--cache-promote</c>).</param>
    /// <param name="metadata">The build's metadata (the digest of the cache manifest it wrote).</param>
    /// <param name="inputs">What this build ran with (<c>--explain-cache-miss</c>), or null.</param>
    /// <param name="mountSteps">The carried cache mounts' step-input digests (<see cref="CacheMountSteps"/>), or null.</param>
    /// <param name="exported">True when the build's cache export finished.</param>
    /// <returns>The line to log, and whether it is a warning; null when there is nothing to record.</returns>
    public static async Task<(string Line, bool Warning)?> RecordAsync(BuildxCacheRun run, BuildPlan plan, BuildMetadata? metadata, CacheInputs? inputs, IReadOnlyDictionary<string, string>? mountSteps, bool exported)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.CacheTo is not { Type: "registry", Ref: { } cacheRef } || !exported)
        {
            return null;
        }

        if (!CommitSha.IsFull(plan.Refs.Sha))
        {
            return ($"cache record: not written: commit '{plan.Refs.Sha}' is not a full sha (without a record, the registry prune never deletes {cacheRef} by age)", false);
        }

        if (metadata?.CacheManifestDigest is not { } written)
        {
            return ($"cache record: not written: the metadata file names no cache manifest (cache.manifest), so it cannot be told that {cacheRef} holds this build's cache", false);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var record = CacheRecord.Of(plan.Refs.Sha).WithWritten(run.Clock.GetUtcNow());
            if (plan.Promotion is { } promotion)
            {
                record = record.With(CacheRecord.CommitRefOfField, RepositoryReference.Parse(promotion.BranchRef).Reference!);
            }

            record = CacheMountSteps.AddTo(inputs?.AddTo(record) ?? record, mountSteps);
            using var client = RegistryAccess.Client(run);
            var (_, log) = await new CacheRecordWriter(client).WriteAsync(cacheRef, written, record).ConfigureAwait(false);
            return ($"{log} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms", false);
        }
        catch (Exception exception) when (exception is RegistryException or System.Text.Json.JsonException or ArgumentException)
        {
            // A record that cannot be written never fails a build whose cache was written.
            return ($"cache record: not written: {exception.Message} (the cache itself was written; without a record a later miss is explained without it, and the registry prune does not delete {cacheRef} by age)", true);
        }
    }
}
