namespace Cake.BuildxCache.Flow;

/// <summary>The live branches a registry prune goes by, and where the list came from.</summary>
/// <param name="Names">The branch names.</param>
/// <param name="Source">Where they came from, for the log: <c>--live-branches</c> or the git command.</param>
internal sealed record LiveBranchList(IReadOnlyList<string> Names, string Source);
