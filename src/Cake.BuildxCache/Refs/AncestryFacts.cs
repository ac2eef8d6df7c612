namespace Cake.BuildxCache.Refs;

/// <summary>How the commit the branch ref holds and the build's commit relate, as git told it.</summary>
/// <param name="HeldBeforeOurs">Is the held commit an ancestor of ours.</param>
/// <param name="OursBeforeHeld">Is our commit an ancestor of the held one.</param>
/// <param name="Detail">Why an answer is <see cref="Ancestry.Unknown"/> (what git said, or that the clone is shallow), else null.</param>
internal sealed record AncestryFacts(Ancestry HeldBeforeOurs, Ancestry OursBeforeHeld, string? Detail)
{
    /// <summary>
    /// One answer from the exit code of <c>git merge-base --is-ancestor</c>: 0 is proof in any clone (the path between
    /// the commits is there); 1 is proof only with the full history, since in a shallow clone the path may run below
    /// the shallow boundary; anything else (128: a commit the clone does not have) is no answer.
    /// </summary>
    /// <param name="exitCode">git's exit code.</param>
    /// <param name="shallow">True when the clone is shallow (<c>git rev-parse --is-shallow-repository</c>) or grafted, or when that is unknown.</param>
    /// <returns>The answer.</returns>
    public static Ancestry FromExitCode(int exitCode, bool shallow) => exitCode switch
    {
        0 => Ancestry.Ancestor,
        1 when !shallow => Ancestry.NotAncestor,
        _ => Ancestry.Unknown,
    };

    /// <summary>The parents a commit object names (<c>git cat-file -p &lt;commit&gt;</c>: <c>parent &lt;sha&gt;</c> lines in its header).</summary>
    /// <param name="commitObject">The object's lines.</param>
    /// <returns>The parents' shas.</returns>
    public static IReadOnlyList<string> ParentsIn(IEnumerable<string> commitObject)
    {
        ArgumentNullException.ThrowIfNull(commitObject);
        return [.. commitObject.TakeWhile(line => line.Length > 0).Where(line => line.StartsWith("parent ", StringComparison.Ordinal)).Select(line => line["parent ".Length..].Trim())];
    }
}
