using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The image's full tags, in this order, without duplicates: the branch slug (branches and merge
/// requests), the short sha, <c>latest</c> on the default branch only, the git tag on tag pipelines (the
/// raw tag when it is a valid docker tag, e.g. <c>v1.2.3</c>, else its slug, e.g. <c>release/1.0</c> gives
/// <c>release-1-0</c>), then the extra tags. Each switch is an option (<c>tag-branch</c>, <c>tag-sha</c>,
/// <c>tag-latest</c>, <c>tag-git-tag</c>, <c>tag</c>).
/// </summary>
internal static class TagPolicy
{
    /// <summary>Decides the tags.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <returns>The full tags (<c>registry/group/app:feature-x</c>) and notes.</returns>
    public static (IReadOnlyList<string> Tags, IReadOnlyList<string> Notes) Decide(GitRefInfo refs, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Image))
        {
            notes.Add("no tags: no image");
            return ([], notes);
        }

        var repository = ImageName.Parse(options.Image.Trim()).Repository;
        var tags = new List<string>();
        void Add(string? tag)
        {
            if (tag is not null && DockerNames.IsValidTag(tag) && !tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        if (options.TagBranch && refs.Kind == RefKind.Branch)
        {
            if (DockerNames.IsValidTag(refs.Slug))
            {
                Add(refs.Slug);
            }
            else
            {
                notes.Add($"no branch tag: branch '{refs.RefName}' has an empty slug");
            }
        }

        if (options.TagSha)
        {
            Add(refs.ShortSha);
        }

        if (options.TagLatest && refs.IsDefaultBranch)
        {
            Add("latest");
            notes.Add($"tag latest: {refs.RefName} is the default branch");
        }

        if (options.TagGitTag && refs.Kind == RefKind.Tag)
        {
            var tag = DockerNames.TagForRef(refs.RefName, refs.Slug);
            Add(tag);
            if (tag is null)
            {
                notes.Add($"no git tag tag: '{refs.RefName}' gives no valid docker tag");
            }
            else if (tag != refs.RefName)
            {
                notes.Add($"git tag '{refs.RefName}' is not a valid docker tag: tagged with its slug '{tag}'");
            }
        }

        foreach (var extra in options.ExtraTags)
        {
            Add(extra);
        }

        if (tags.Count == 0)
        {
            notes.Add("no tags: every tag switch is off and no extra tag is given (a push needs one)");
        }

        return ([.. tags.Select(tag => repository + ":" + tag)], notes);
    }
}
