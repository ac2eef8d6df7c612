namespace Cake.BuildxCache.Flow;

/// <summary>The default branch a registry prune goes by.</summary>
/// <param name="Name">The branch name.</param>
/// <param name="Guess">Why it is only a guess, or null when CI, <c>--default-branch</c> or the remote named it.</param>
internal sealed record DefaultBranchFinding(string Name, string? Guess);
