using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Cache refs: <c>&lt;cache-repo&gt;:&lt;prefix&gt;&lt;slug&gt;</c>, or <c>…&lt;slug&gt;-&lt;scope&gt;</c> with a
/// <see cref="CacheScope"/> (a platform or stage of their own): every ref of the chain is in the same scope, so a new
/// branch's first linux/386 job starts warm from the default branch's linux/386 cache. The cache-from chain lists the build's own
/// ref, then the merged branch's (a merge commit), the merge request target branch's, the default branch's (a tag pipeline: the
/// tag's own ref, then the default branch's; a detached HEAD: the default branch's only); the build reads only the first that
/// exists (<see cref="Registry.CacheFromPolicy.Select"/> says why). Cache-to writes the own ref, unless read-only: a
/// detached HEAD or an empty slug (nothing to key it on), or what the output decision says (<see cref="OutputPolicy"/>:
/// a fork's merge request, <c>cache-readonly=true</c>, a local run that does not push).
/// </summary>
internal static class CacheRefPolicy
{
    /// <summary>Decides cache-from and cache-to for a build that is not Publish's.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <returns>The decision.</returns>
    public static CacheDecision Decide(GitRefInfo refs, BuildxCacheOptions options) => Decide(refs, options, OutputPolicy.Decide(refs, options));

    /// <summary>Decides cache-from and cache-to.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <param name="output">The output decision, which says whether the cache may be written.</param>
    /// <returns>The decision.</returns>
    public static CacheDecision Decide(GitRefInfo refs, BuildxCacheOptions options, OutputDecision output)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        var repo = options.EffectiveCacheRepo;
        if (repo is null)
        {
            notes.Add("no cache: no image and no cache repository");
            return new([], null, notes, "no image and no cache repository");
        }

        var scope = CacheScope.Of(options).Value;
        var own = refs.Kind == RefKind.Detached ? null : CacheRef(repo, options.CacheTagPrefix, refs.Slug, scope);
        var chain = new List<(CacheFromCandidate Candidate, string Why)>();
        void Add(string? reference, CacheFromRole role, string? refName, string why)
        {
            if (reference is not null && chain.All(item => item.Candidate.Ref != reference))
            {
                chain.Add((new CacheFromCandidate(CacheSpec.Registry(reference), role, refName, role == CacheFromRole.Own && refs.Kind == RefKind.Tag), why));
            }
        }

        Add(own, CacheFromRole.Own, refs.RefName, refs.Kind == RefKind.Tag ? "this tag" : "this branch");
        if (refs.Kind == RefKind.Branch && refs.MergedBranch is { } merged)
        {
            Add(CacheRef(repo, options.CacheTagPrefix, RefSlug.From(merged), scope), CacheFromRole.MergedBranch, merged, "merged branch");
        }

        if (refs.Kind == RefKind.Branch && refs.TargetBranch is { } target)
        {
            Add(CacheRef(repo, options.CacheTagPrefix, RefSlug.From(target), scope), CacheFromRole.MergeRequestTarget, target, "merge request target");
        }

        Add(CacheRef(repo, options.CacheTagPrefix, RefSlug.From(refs.DefaultBranch), scope), CacheFromRole.DefaultBranch, refs.DefaultBranch, "default branch");
        if (chain.Count > 0)
        {
            notes.Add((chain.Count == 1 ? "cache-from: " : "cache-from, the first that exists: ") + string.Join(", then ", chain.Select(item => $"{item.Candidate.Ref} ({item.Why})")));
        }

        var from = chain.Select(item => item.Candidate).ToList();
        var readOnlyReason = own is null ? NoTag(refs) : output.CacheReadOnly;
        if (readOnlyReason is not null)
        {
            notes.Add("cache read-only: " + readOnlyReason);
            return new(from, null, notes, readOnlyReason);
        }

        var (compression, compressionWhy) = CacheCompressionPolicy.Decide(options);
        var to = CacheSpec.Registry(own!) with
        {
            Mode = options.CacheMode == CacheMode.Max ? "max" : "min",
            IgnoreError = options.CacheIgnoreError,
            ImageManifest = options.CacheImageManifest,
            OciMediaTypes = options.CacheOciMediaTypes,
            Compression = compression?.ToString().ToLowerInvariant(),
        };
        notes.Add($"cache-to: {own} (mode={to.Mode}{(options.CacheIgnoreError ? ", a failed export does not fail the build" : string.Empty)}; layers {compressionWhy})");
        return new(from, to, notes);
    }

    /// <summary>The cache ref for <paramref name="slug"/>, or null when the slug is empty or the tag would be invalid.</summary>
    /// <param name="repository">The cache repository.</param>
    /// <param name="prefix">The cache tag prefix.</param>
    /// <param name="slug">A ref slug.</param>
    /// <returns><c>repository:prefix+slug</c>, or null.</returns>
    public static string? CacheRef(string repository, string prefix, string slug) => CacheRef(repository, prefix, slug, null);

    /// <summary>The cache ref for <paramref name="slug"/> in <paramref name="scope"/>, or null when the slug is empty or the tag would be invalid.</summary>
    /// <param name="repository">The cache repository.</param>
    /// <param name="prefix">The cache tag prefix.</param>
    /// <param name="slug">A ref slug.</param>
    /// <param name="scope">The cache scope, or null for none.</param>
    /// <returns><c>repository:prefix+slug</c> or <c>repository:prefix+slug-scope</c>, or null.</returns>
    public static string? CacheRef(string repository, string prefix, string slug, string? scope)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(slug);
        var tag = prefix + (scope is null ? slug : slug + CacheScope.Separator + scope);
        return slug.Length > 0 && DockerNames.IsValidTag(tag) ? repository + ":" + tag : null;
    }

    private static string NoTag(GitRefInfo refs) => refs.Kind == RefKind.Detached
        ? "detached HEAD: no branch to key the cache on"
        : $"ref '{refs.RefName}' gives no usable cache tag (slug '{refs.Slug}')";
}
