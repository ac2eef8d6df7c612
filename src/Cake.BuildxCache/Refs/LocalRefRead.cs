namespace Cake.BuildxCache.Refs;

/// <summary>
/// What reading a checkout found: its refs; or no repository at all; or a repository git cannot read
/// here, with the reason and the fix.
/// </summary>
internal sealed record LocalRefRead
{
    private LocalRefRead(GitRefResolution? resolution, string? reason, string? fix)
    {
        Resolution = resolution;
        Reason = reason;
        Fix = fix;
    }

    /// <summary>Gets the result for a directory that is not inside a git repository.</summary>
    public static LocalRefRead NotARepository { get; } = new(null, null, null);

    /// <summary>Gets the refs and the fallbacks taken, or null when none were read.</summary>
    public GitRefResolution? Resolution { get; }

    /// <summary>Gets why git cannot read the refs here (a clause, e.g. "git is not installed"), or null.</summary>
    public string? Reason { get; }

    /// <summary>Gets what makes git able to read them (an imperative, e.g. "Install git"), or null.</summary>
    public string? Fix { get; }

    /// <summary>The refs were read.</summary>
    /// <param name="resolution">The refs and the fallbacks taken.</param>
    /// <returns>The result.</returns>
    public static LocalRefRead Found(GitRefResolution resolution) =>
        new(resolution ?? throw new ArgumentNullException(nameof(resolution)), null, null);

    /// <summary>git cannot read the refs here, for a reason the user can fix.</summary>
    /// <param name="reason">Why, as a clause.</param>
    /// <param name="fix">The fix, as an imperative.</param>
    /// <returns>The result.</returns>
    public static LocalRefRead Unreadable(string reason, string fix) =>
        new(null, reason ?? throw new ArgumentNullException(nameof(reason)), fix ?? throw new ArgumentNullException(nameof(fix)));
}
