namespace Cake.BuildxCache.Policy;

/// <summary>What Merge joins, or why it refuses: <see cref="MergePolicy.Collect"/>'s answer.</summary>
/// <param name="Sources">One platform image per expected platform, in the plan's order (empty when refused).</param>
/// <param name="Problems">Why Merge refuses, each naming the platform and the fix; empty when it may go on.</param>
internal sealed record MergeSelection(IReadOnlyList<PlatformImage> Sources, IReadOnlyList<string> Problems)
{
    /// <summary>True when Merge refuses: nothing is pushed and no tag moves.</summary>
    public bool Refused => Problems.Count > 0;
}
