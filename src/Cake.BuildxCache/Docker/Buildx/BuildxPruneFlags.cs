namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// The space flags of <c>docker buildx prune</c> and the versions they need, as the buildx and BuildKit sources
/// have them. buildx 0.18.0 (commit 64c5139a, "hack: generate vtproto files for buildx") replaced <c>--keep-storage</c>
/// by <c>--reserved-space</c>, <c>--max-used-space</c> and <c>--min-free-space</c>; <c>--keep-storage</c> stays, hidden,
/// as a deprecated name of <c>--reserved-space</c> (one variable in <c>commands/prune.go</c>; the notice said
/// "changed to max-storage" until 0.25's commit 9bd1ba2f corrected it to "reserved-space"). Both fill field 4 of
/// BuildKit's <c>PruneRequest</c> (<c>keepBytes</c> up to BuildKit 0.16, <c>reservedSpace</c> from 0.17), and alone
/// both prune down to that size. The max and min fields are new in BuildKit 0.17 (capability
/// <c>CapGCFreeSpaceFilter</c>, commit a75b5eb1); buildx 0.18 checks it (commit 9f3a5781) and fails with
/// <see cref="BuildkitTooOld"/>.
/// </summary>
public static class BuildxPruneFlags
{
    /// <summary>
    /// What buildx 0.18 and later print when BuildKit lacks the max/min fields, in full:
    /// <c>buildkit v0.17.0+ is required for max-used-space and min-free-space filters</c>.
    /// </summary>
    public const string BuildkitTooOld = "buildkit v0.17.0+ is required";

    private static readonly Version Buildx018 = new(0, 18, 0);
    private static readonly Version Buildkit017 = new(0, 17, 0);

    /// <summary>Gets <c>--keep-storage</c>: every buildx; from 0.18 a deprecated name of <see cref="ReservedSpace"/>.</summary>
    public static BuildxFlag KeepStorage { get; } = new("--keep-storage", new Version(0, 0, 0));

    /// <summary>Gets <c>--reserved-space</c>: buildx 0.18; older buildx send the same request with <see cref="KeepStorage"/>.</summary>
    public static BuildxFlag ReservedSpace { get; } = new("--reserved-space", Buildx018) { Before = KeepStorage };

    /// <summary>Gets <c>--max-used-space</c>: buildx 0.18 and BuildKit 0.17.</summary>
    public static BuildxFlag MaxUsedSpace { get; } = new("--max-used-space", Buildx018, Buildkit017);

    /// <summary>Gets <c>--min-free-space</c>: buildx 0.18 and BuildKit 0.17.</summary>
    public static BuildxFlag MinFreeSpace { get; } = new("--min-free-space", Buildx018, Buildkit017);

    /// <summary>Whether buildx's answer says the builder's BuildKit is too old for the max/min flags.</summary>
    /// <param name="text">What buildx printed, or an error message holding it.</param>
    /// <returns><c>true</c> when it holds <see cref="BuildkitTooOld"/>.</returns>
    public static bool SaysBuildkitTooOld(string? text) =>
        text?.Contains(BuildkitTooOld, StringComparison.OrdinalIgnoreCase) == true;
}
