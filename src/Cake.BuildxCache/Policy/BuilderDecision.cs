using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>What to do with the builder found, and why.</summary>
/// <param name="Action">The action.</param>
/// <param name="Reason">What differs, when the builder is recreated; else null.</param>
internal sealed record BuilderDecision(BuilderAction Action, string? Reason)
{
    /// <summary>Decides from what <c>docker buildx inspect</c> found.</summary>
    /// <param name="existing">The builder found, or null when there is none.</param>
    /// <param name="planned">The builder the plan needs.</param>
    /// <returns>The decision.</returns>
    public static BuilderDecision Decide(BuilderInfo? existing, BuilderPlan planned)
    {
        if (existing is null)
        {
            return new(BuilderAction.Create, null);
        }

        if (BuilderMatch.Mismatch(existing, planned) is { } mismatch)
        {
            return new(BuilderAction.Recreate, mismatch);
        }

        return new(existing.IsRunning ? BuilderAction.Reuse : BuilderAction.Start, null);
    }
}
