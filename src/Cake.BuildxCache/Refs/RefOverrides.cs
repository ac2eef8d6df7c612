namespace Cake.BuildxCache.Refs;

/// <summary>
/// Values given explicitly on the command line (<c>--branch</c>, <c>--sha</c>, <c>--default-branch</c>).
/// They win over everything CI or git says, so a user can always correct a wrong guess. Blank values
/// count as not given, because Cake arguments arrive as empty strings when passed without a value.
/// </summary>
/// <param name="Branch">The branch to build as; yields <see cref="RefKind.Branch"/> with its computed slug.</param>
/// <param name="Sha">The commit sha to label and tag the image with.</param>
/// <param name="DefaultBranch">The repository's default branch.</param>
internal sealed record RefOverrides(string? Branch = null, string? Sha = null, string? DefaultBranch = null)
{
    /// <summary>No overrides: everything comes from CI or git.</summary>
    public static RefOverrides None { get; } = new();

    /// <summary>Applies the given values to <paramref name="refs"/>.</summary>
    /// <param name="refs">What CI or git said.</param>
    /// <returns>The record with the explicit values in place.</returns>
    /// <exception cref="ArgumentException">The sha override is not a hex commit sha.</exception>
    public GitRefInfo ApplyTo(GitRefInfo refs)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var result = refs;

        var sha = Given(Sha)?.ToLowerInvariant();
        if (sha is not null)
        {
            if (!CommitSha.IsValid(sha))
            {
                // No parameter name: the message reaches the user as is, and ArgumentException would append
                // " (Parameter 'Sha')", or "Arg_ParamName_Name, Sha" in the build app (UseSystemResourceKeys).
                throw new ArgumentException($"--sha '{Sha}' is not a commit sha (4 to 64 hex digits).");
            }

            result = result with { Sha = sha, ShortSha = CommitSha.Short(sha) };
            if (result.Kind == RefKind.Detached)
            {
                // A detached HEAD is named by its short sha: keep the name in step with the new sha.
                result = result with { RefName = result.ShortSha, Slug = RefSlug.From(result.ShortSha) };
            }
        }

        var branch = Given(Branch);
        if (branch is not null)
        {
            // The slug is always computed here: a CI_COMMIT_REF_SLUG from the environment names the
            // pipeline's ref, not the branch the user asked for.
            result = result with { Kind = RefKind.Branch, RefName = branch, Slug = RefSlug.From(branch) };
        }

        var defaultBranch = Given(DefaultBranch);
        if (defaultBranch is not null)
        {
            result = result with { DefaultBranch = defaultBranch, DefaultBranchKnown = true };
        }

        return result;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
