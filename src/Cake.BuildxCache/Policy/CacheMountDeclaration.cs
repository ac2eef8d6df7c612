namespace Cake.BuildxCache.Policy;

/// <summary>
/// One <c>RUN --mount=type=cache</c> of a stage the build builds, as BuildKit keys it: by <see cref="Id"/> (the
/// <c>id=</c> option, else the target path cleaned) and, when <c>uid</c>, <c>gid</c> or <c>mode</c> are given, by the
/// folder they make; so a helper build on the same builder that declares the same id and options sees the same folder.
/// </summary>
/// <param name="Id">The mount's id.</param>
/// <param name="Target">Where the user's <c>RUN</c> mounts it, as written.</param>
/// <param name="Sharing"><c>shared</c>, <c>private</c> or <c>locked</c>.</param>
/// <param name="Uid">The <c>uid=</c> option, or null.</param>
/// <param name="Gid">The <c>gid=</c> option, or null.</param>
/// <param name="Mode">The <c>mode=</c> option (octal, as written), or null.</param>
/// <param name="Stage">How the Dockerfile names the stage (<c>build</c>, <c>stage-0</c>).</param>
/// <param name="Line">The line of the <c>RUN</c>.</param>
/// <param name="BaseImage">The image the stage's chain starts from (what the helper builds run their shell in), or null when it starts from <c>scratch</c>.</param>
/// <param name="Lines">The lines of every <c>RUN</c> of the stages built that mounts it, the first being <paramref name="Line"/>.</param>
internal sealed record CacheMountDeclaration(string Id, string Target, string Sharing, string? Uid, string? Gid, string? Mode, string Stage, int Line, string? BaseImage, IReadOnlyList<int> Lines)
{
    /// <summary>
    /// The helper's <c>--mount</c> value for the same folder, mounted at <paramref name="at"/>: the id, the sharing and
    /// the ownership options, which with the builder are BuildKit's key of a cache mount.
    /// </summary>
    /// <param name="at">Where the helper mounts it.</param>
    /// <returns><c>type=cache,id=…,target=…,sharing=…[,uid=…][,gid=…][,mode=…]</c>.</returns>
    public string MountOption(string at) =>
        $"type=cache,id={Id},target={at},sharing={Sharing}"
        + (Uid is null ? string.Empty : ",uid=" + Uid)
        + (Gid is null ? string.Empty : ",gid=" + Gid)
        + (Mode is null ? string.Empty : ",mode=" + Mode);
}
