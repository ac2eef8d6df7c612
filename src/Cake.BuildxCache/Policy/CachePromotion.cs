namespace Cake.BuildxCache.Policy;

/// <summary>
/// The race-free cache mode (<c>--cache-promote</c>): the build writes its cache to <see cref="CommitRef"/>, then the
/// cache is copied to <see cref="BranchRef"/> through the registry API when the commit that ref holds is an ancestor
/// of <see cref="Commit"/> (see <see cref="PromotionPolicy"/>).
/// </summary>
/// <param name="CommitRef">The commit's cache ref, <c>&lt;cache-repo&gt;:&lt;prefix&gt;&lt;slug&gt;-&lt;short sha&gt;</c>: the build's <c>--cache-to</c>.</param>
/// <param name="BranchRef">The branch's cache ref, <c>&lt;cache-repo&gt;:&lt;prefix&gt;&lt;slug&gt;</c>, which builds read.</param>
/// <param name="Commit">The build's full commit sha, recorded on the branch ref.</param>
/// <param name="Branch">The branch's name (its remote's tip proves a clone's history complete), or null when unknown.</param>
internal sealed record CachePromotion(string CommitRef, string BranchRef, string Commit, string? Branch = null)
{
    /// <summary>The line Plan prints.</summary>
    /// <returns>What the build will do with its cache.</returns>
    public string Describe() =>
        $"write {CommitRef}, promote to {BranchRef} if the commit it holds is an ancestor of {Commit[..8]} (or it holds none); never backwards";
}
