namespace Cake.BuildxCache.Refs;

/// <summary>
/// The resolved refs plus notes on what could not be read and what was assumed instead. The resolver
/// never logs: the caller decides how loudly to report the notes (the Plan task prints them).
/// </summary>
/// <param name="Refs">Where the build stands.</param>
/// <param name="Notes">Fallbacks taken while resolving, in the order they happened; empty when none.</param>
internal sealed record GitRefResolution(GitRefInfo Refs, IReadOnlyList<string> Notes)
{
    /// <summary>The values taken from CI variables and the event payload, for <see cref="CiInputChecks"/>; empty outside CI.</summary>
    public IReadOnlyList<CiInput> Inputs { get; init; } = [];
}
