namespace Cake.BuildxCache.Refs;

/// <summary>What a promotion asks git (in the run, <see cref="GitAncestry"/> over the checkout).</summary>
/// <param name="Relate">How a commit (first argument) relates to another (second): the facts the promotion policy decides on.</param>
/// <param name="Resolve">The full sha of an abbreviated one when the clone has exactly that commit, else null.</param>
internal sealed record CommitHistory(Func<string, string, AncestryFacts> Relate, Func<string, string?> Resolve);
