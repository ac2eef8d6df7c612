using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Frees the builder's local cache: <c>docker buildx prune</c> with <c>--prune-until</c> (age) and the space limits
/// (<c>--prune-reserved-space</c>, <c>--prune-max-used-space</c>, <c>--prune-min-free-space</c>) as the buildx and
/// BuildKit in use take them; with <c>--prune-remove-builder</c> removes the builder too. A builder that does not
/// exist is left alone; a limit that cannot be honoured leaves the cache alone, with a warning.
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
        BuilderInfo? existing = null;
        if (steps.TrustsEnsuredBuilder(run.EnsuredBuilder))
        {
            // This run made it ready moments ago (created or checked it): that is the proof it exists as planned.
            run.Information("Builder {0} was made ready by this run's EnsureBuilder: not asking buildx again.", builder.Name);
        }
        else if ((existing = run.BuildxInspect(steps.Inspect)) is null)
        {
            run.Information("Builder {0} does not exist: nothing to prune.", builder.Name);
            return;
        }

        var version = steps.Version is { } ask ? run.KnownBuildxVersion(ask) : run.BuildxVersion;
        var (prune, flags) = steps.PruneFor(version, existing);
        foreach (var note in flags.Notes)
        {
            run.Information("prune: {0}.", note);
        }

        if (flags.Refusal is { } refusal)
        {
            run.Warning("prune: {0}.", refusal);
        }
        else if (prune is not null)
        {
            Prune(run, prune, steps.Space);
        }

        if (steps.Remove is { } remove)
        {
            run.BuildxRm(remove);
            run.Information("Removed builder {0} and its cache.", builder.Name);
        }
    }

    private static void Prune(BuildxCacheRun run, BuildxPruneSettings prune, PruneSpace space)
    {
        Docker.DockerCommandResult result;
        try
        {
            result = run.BuildxPrune(prune);
        }
        catch (CakeException exception) when (BuildxPruneFlags.SaysBuildkitTooOld(exception.Message))
        {
            // A stopped builder does not tell its BuildKit version before the prune; buildx checks it then.
            run.Warning("prune: {0}.", PruneSpacePolicy.RefusedByBuildkit(space));
            return;
        }

        // buildx says what it thinks of the flags (0.36 prints "Flag --keep-storage has been deprecated, …" on
        // stdout, amid the table): pass its warnings on.
        foreach (var line in result.Lines.Where(line => line.StartsWith("Flag --", StringComparison.Ordinal)
            || line.StartsWith("WARNING", StringComparison.OrdinalIgnoreCase)
            || line.Contains("deprecated", StringComparison.OrdinalIgnoreCase)))
        {
            run.Warning("buildx prune: {0}", line.Trim());
        }

        run.Information("Pruned builder {0}: {1}", prune.Builder, result.Lines.LastOrDefault(line => line.Contains("Total", StringComparison.OrdinalIgnoreCase)) ?? "done");
    }
}
