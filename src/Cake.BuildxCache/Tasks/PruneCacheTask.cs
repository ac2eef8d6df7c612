using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// Frees the builder's local cache: <c>docker buildx prune</c> with <c>--prune-until</c> (age) and
/// <c>--prune-keep-storage</c> (space); with <c>--prune-remove-builder</c> removes the builder too.
/// With <c>--prune-registry</c> it prunes the cache repository's tags in the registry instead (see <see cref="RegistryPrune"/>).
/// </summary>
[TaskName(Name)]
[TaskDescription("Prunes the builder's local cache (--prune-until, --prune-keep-storage; --prune-remove-builder removes it); --prune-registry prunes stale cache tags in the registry instead (--confirm deletes).")]
public sealed class PruneCacheTask : AsyncFrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "PruneCache";

    /// <inheritdoc/>
    public override async Task RunAsync(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Run.PruneRegistry)
        {
            await RegistryPrune.RunAsync(context).ConfigureAwait(false);
            return;
        }

        context.EnsureValid();
        if (context.Run.BuilderPruneRefusal is { } refusal)
        {
            throw new CakeException(refusal);
        }

        Prune(context, context.Run.BuilderPrune);
    }

    /// <summary>Prunes (and optionally removes) the builder; a builder that does not exist is left alone.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="steps">The prune's steps.</param>
    public static void Prune(BuildxCacheContext context, BuilderPruneSteps steps)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(steps);
        context.EnsureValid();
        var builder = steps.Builder;
        if (context.BuildxInspect(steps.Inspect) is null)
        {
            context.Information("Builder {0} does not exist: nothing to prune.", builder.Name);
            return;
        }

        if (steps.Prune is { } prune)
        {
            var result = context.BuildxPrune(prune);
            // buildx says what it thinks of the flags (0.36 prints "Flag --keep-storage has been deprecated, …" on
            // stdout, amid the table): pass its warnings on.
            foreach (var line in result.Lines.Where(line => line.StartsWith("Flag --", StringComparison.Ordinal)
                || line.StartsWith("WARNING", StringComparison.OrdinalIgnoreCase)
                || line.Contains("deprecated", StringComparison.OrdinalIgnoreCase)))
            {
                context.Warning("buildx prune: {0}", line.Trim());
            }

            context.Information("Pruned builder {0}: {1}", builder.Name, result.Lines.LastOrDefault(line => line.Contains("Total", StringComparison.OrdinalIgnoreCase)) ?? "done");
        }

        if (steps.Remove is { } remove)
        {
            context.BuildxRm(remove);
            context.Information("Removed builder {0} and its cache.", builder.Name);
        }
    }
}
