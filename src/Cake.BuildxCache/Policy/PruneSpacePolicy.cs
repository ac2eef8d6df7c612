using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Which <c>docker buildx prune</c> flags carry the space limits for the buildx and BuildKit in use, by the versions
/// declared in <see cref="BuildxPruneFlags"/>. A limit that cannot be honoured refuses the whole prune rather than
/// being dropped: without it the prune would remove more than asked (all of the cache, when no filter is given).
/// </summary>
internal static class PruneSpacePolicy
{
    /// <summary>Chooses the flags.</summary>
    /// <param name="space">The limits asked for.</param>
    /// <param name="buildx">The buildx version, or null before it is known (Plan): then the current flags.</param>
    /// <param name="buildkit">The BuildKit version of each of the builder's nodes, null where it was not printed (a stopped node).</param>
    /// <returns>The flags, with notes and a refusal.</returns>
    public static PruneSpaceFlags Choose(PruneSpace space, BuildxVersion? buildx, IReadOnlyList<Version?> buildkit)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(buildkit);
        var notes = new List<string>();
        var refusals = new List<string>();

        var reservedKnown = buildx is null || BuildxPruneFlags.ReservedSpace.IsKnownTo(buildx);
        if (space.ReservedSpace is not null && !reservedKnown)
        {
            notes.Add($"{OptionCatalog.PruneReservedSpace.Argument} goes as {BuildxPruneFlags.KeepStorage}: buildx {buildx!.Text} predates {BuildxPruneFlags.ReservedSpace} ({Since(BuildxPruneFlags.ReservedSpace.BuildxSince)}), and both ask BuildKit for the same");
        }

        foreach (var (option, value, flag) in new[]
        {
            (OptionCatalog.PruneMaxUsedSpace, space.MaxUsedSpace, BuildxPruneFlags.MaxUsedSpace),
            (OptionCatalog.PruneMinFreeSpace, space.MinFreeSpace, BuildxPruneFlags.MinFreeSpace),
        })
        {
            if (value is null)
            {
                continue;
            }

            if (buildx is not null && !flag.IsKnownTo(buildx))
            {
                refusals.Add($"{option.Argument} needs buildx {Since(flag.BuildxSince)} or later for {flag} (this is {buildx.Text})");
            }
            else if (buildkit.FirstOrDefault(version => version is not null && !flag.IsHonouredBy(version)) is { } old)
            {
                refusals.Add($"{option.Argument} needs BuildKit {Since(flag.BuildkitSince!)} or later for {flag} (the builder runs {Since(old)})");
            }
        }

        return new PruneSpaceFlags(
            reservedKnown ? space.ReservedSpace : null,
            reservedKnown ? null : space.ReservedSpace,
            space.MaxUsedSpace,
            space.MinFreeSpace)
        {
            Notes = notes,
            Refusal = refusals.Count == 0 ? null : NotPruned(string.Join("; ", refusals)),
        };
    }

    /// <summary>The refusal when buildx itself found the builder's BuildKit too old (<see cref="BuildxPruneFlags.BuildkitTooOld"/>).</summary>
    /// <param name="space">The limits asked for.</param>
    /// <returns>The warning.</returns>
    public static string RefusedByBuildkit(PruneSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var asked = new[] { (OptionCatalog.PruneMaxUsedSpace, space.MaxUsedSpace), (OptionCatalog.PruneMinFreeSpace, space.MinFreeSpace) }
            .Where(pair => pair.Item2 is not null)
            .Select(pair => pair.Item1.Argument);
        return NotPruned($"{string.Join(" and ", asked)} need BuildKit {Since(BuildxPruneFlags.MaxUsedSpace.BuildkitSince!)} or later, and buildx says the builder's is older (\"{BuildxPruneFlags.BuildkitTooOld}\")");
    }

    /// <summary>What Plan says of the prune's space flags, or null without limits.</summary>
    /// <param name="space">The limits asked for.</param>
    /// <returns>The note.</returns>
    public static string? PlanNote(PruneSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var notes = new List<string>();
        if (space.ReservedSpace is not null)
        {
            notes.Add($"{BuildxPruneFlags.KeepStorage} before buildx {Since(BuildxPruneFlags.ReservedSpace.BuildxSince)}");
        }

        if (space.MaxUsedSpace is not null || space.MinFreeSpace is not null)
        {
            notes.Add($"not pruned with buildx before {Since(BuildxPruneFlags.MaxUsedSpace.BuildxSince)} or BuildKit before {Since(BuildxPruneFlags.MaxUsedSpace.BuildkitSince!)} ({BuildxPruneFlags.MaxUsedSpace}, {BuildxPruneFlags.MinFreeSpace})");
        }

        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private static string NotPruned(string why) =>
        $"{why}: the builder is not pruned, since a prune without the limit would remove more than asked ({OptionCatalog.PruneReservedSpace.Argument} works with every buildx and BuildKit)";

    private static string Since(Version version) => version.Build > 0 ? version.ToString(3) : version.ToString(2);
}
