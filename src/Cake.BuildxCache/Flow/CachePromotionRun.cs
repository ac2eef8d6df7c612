using System.Globalization;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Runs the promotion of <c>--cache-promote</c> after a successful build: the registry client of the run, git in the
/// working directory for the ancestry, the log lines. A registry failure is a warning when the cache may fail
/// (<c>cache-ignore-error=true</c>, the default), else it fails the build.
/// </summary>
internal static class CachePromotionRun
{
    /// <summary>The pause before the branch ref is read back (see <see cref="CachePromoter"/>).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    /// <summary>Promotes.</summary>
    /// <param name="run">The run.</param>
    /// <param name="promotion">The plan's promotion.</param>
    /// <param name="ignoreError">True when a failed promotion must not fail the build.</param>
    /// <param name="inputs">What the cache was written with, for the record the copy carries (<c>--explain-cache-miss</c>), or null; the record always says when it was written.</param>
    /// <returns>What happened, or null when the registry failed and that was ignored.</returns>
    /// <exception cref="CakeException">The registry failed and <paramref name="ignoreError"/> is false.</exception>
    public static async Task<PromotionResult?> RunAsync(BuildxCacheRun run, CachePromotion promotion, bool ignoreError, CacheInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(promotion);
        using var client = RegistryAccess.Client(run);
        var promoter = new CachePromoter(client, GitAncestry.History(run.ProcessRunner, run.Tools, run.Environment.WorkingDirectory.FullPath, promotion.Branch), Settle, run.Clock);
        PromotionResult result;
        try
        {
            // The branch ref's record says when it was written, as every record does (the prune's age rule reads it).
            result = await promoter.PromoteAsync(promotion, record => (inputs?.AddTo(record) ?? record).WithWritten(run.Clock.GetUtcNow())).ConfigureAwait(false);
        }
        catch (RegistryException exception) when (ignoreError)
        {
            run.Warning("cache promote: {0}; {1} stays as it was and the commit ref {2} is kept (cache-ignore-error=true)", exception.Message, promotion.BranchRef, promotion.CommitRef);
            return null;
        }
        catch (RegistryException exception)
        {
            throw new CakeException($"cache promote failed: {exception.Message} (cache-ignore-error=false)", exception);
        }

        foreach (var line in result.Log)
        {
            run.Information("{0}", line);
        }

        run.Information(
            "cache promote: {0} in {1} ms",
            result.Promoted ? $"{promotion.BranchRef} holds {promotion.Commit[..8]}"
                : result.Decision?.Verdict == PromotionVerdict.Superseded ? $"superseded: {promotion.BranchRef} holds a newer commit's cache"
                : $"{promotion.BranchRef} not moved",
            result.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        return result;
    }
}
