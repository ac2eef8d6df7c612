using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Frees the builder's local cache: <c>docker buildx prune</c> with <c>--prune-until</c> (age) and
/// <c>--prune-keep-storage</c> (space); with <c>--prune-remove-builder</c> removes the builder too.
/// A builder that does not exist is left alone.
/// </summary>
internal static class BuilderPrune
{
    /// <summary>Prunes (and optionally removes) the builder.</summary>
    /// <param name="run">The run.</param>
    /// <param name="steps">The prune's steps.</param>
    public static void Run(BuildxCacheRun run, BuilderPruneSteps steps)
    {
        run.EnsureValid();
        var builder = steps.Builder;
        if (run.BuildxInspect(steps.Inspect) is null)
        {
            run.Information("Builder {0} does not exist: nothing to prune.", builder.Name);
            return;
        }

        if (steps.Prune is { } prune)
        {
            var result = run.BuildxPrune(prune);
            // buildx says what it thinks of the flags (0.36 prints "Flag --keep-storage has been deprecated, …" on
            // stdout, amid the table): pass its warnings on.
            foreach (var line in result.Lines.Where(line => line.StartsWith("Flag --", StringComparison.Ordinal)
                || line.StartsWith("WARNING", StringComparison.OrdinalIgnoreCase)
                || line.Contains("deprecated", StringComparison.OrdinalIgnoreCase)))
            {
                run.Warning("buildx prune: {0}", line.Trim());
            }

            run.Information("Pruned builder {0}: {1}", builder.Name, result.Lines.LastOrDefault(line => line.Contains("Total", StringComparison.OrdinalIgnoreCase)) ?? "done");
        }

        if (steps.Remove is { } remove)
        {
            run.BuildxRm(remove);
            run.Information("Removed builder {0} and its cache.", builder.Name);
        }
    }
}
