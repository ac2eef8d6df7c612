namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// A buildx flag and the versions it needs: the buildx that knows it and, for a flag whose request BuildKit must
/// understand, the least BuildKit. Declared once beside the command's other flags (<see cref="BuildxPruneFlags"/>):
/// the runner writes the flag by this <see cref="Name"/>, and the policy asks the same record whether the buildx and
/// BuildKit in use can honour it.
/// </summary>
/// <param name="Name">The flag as written, <c>--max-used-space</c>.</param>
/// <param name="BuildxSince">The first buildx that has it.</param>
/// <param name="BuildkitSince">The first BuildKit that honours it, or null when any does.</param>
public sealed record BuildxFlag(string Name, Version BuildxSince, Version? BuildkitSince = null)
{
    /// <summary>Gets the flag an older buildx takes for the same request, or null when there is none.</summary>
    public BuildxFlag? Before { get; init; }

    /// <summary>Whether <paramref name="buildx"/> has this flag.</summary>
    /// <param name="buildx">The buildx version.</param>
    /// <returns><c>true</c> from <see cref="BuildxSince"/> on.</returns>
    public bool IsKnownTo(BuildxVersion buildx)
    {
        ArgumentNullException.ThrowIfNull(buildx);
        return buildx.Number >= BuildxSince;
    }

    /// <summary>Whether a BuildKit of <paramref name="buildkit"/> honours this flag.</summary>
    /// <param name="buildkit">The BuildKit version.</param>
    /// <returns><c>true</c> when the flag needs no particular BuildKit, or this one is recent enough.</returns>
    public bool IsHonouredBy(Version buildkit)
    {
        ArgumentNullException.ThrowIfNull(buildkit);
        return BuildkitSince is null || buildkit >= BuildkitSince;
    }

    /// <summary>The flag's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
