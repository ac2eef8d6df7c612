using System.Collections.Immutable;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Options.Images;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// What <c>PruneCache --prune-registry</c> will do, decided from the options and the refs with no I/O: the repository,
/// the rules known up front, the tag-prefix check and the lines Plan prints. What only the run can learn (the default
/// branch when CI does not name it, the remote's branches and tags, the time) goes into <see cref="Rules"/> and
/// <see cref="TagPrefixCollision"/>.
/// </summary>
/// <param name="Repository">The cache repository, or null without one.</param>
/// <param name="Image">The image repository (empty without one).</param>
/// <param name="Prefix">The cache tag prefix: tags without it are never touched.</param>
/// <param name="Refs">Where the build stands (the default branch, whether it is known).</param>
/// <param name="LiveBranches">The branches given with <c>--live-branches</c>, empty to ask git.</param>
/// <param name="MaxAge">The age past which a cache goes (<c>--cache-max-age</c>) as given, or null.</param>
/// <param name="MaxAgeSpan"><paramref name="MaxAge"/> as a duration, or null when unset or unreadable (validation reports that).</param>
/// <param name="Confirm">True when it deletes; else a dry run.</param>
internal sealed record RegistryPrunePlan(
    string? Repository, string Image, string Prefix, GitRefInfo Refs, IReadOnlyList<string> LiveBranches, string? MaxAge, TimeSpan? MaxAgeSpan, bool Confirm)
{
    /// <summary>The git command that lists the live branches when <c>--live-branches</c> is not given.</summary>
    public const string LsRemote = "git ls-remote --heads origin";

    /// <summary>The git command that asks the remote for its default branch when CI does not name it.</summary>
    public const string SymrefHead = "git ls-remote --symref origin HEAD";

    /// <summary>
    /// The images of a run that declares several (<see cref="ImagePruneTargets"/>): each is pruned in its own cache
    /// repository, touching only its own scope's tags. Empty for a run of one image: <see cref="Repository"/> is pruned whole.
    /// </summary>
    public ImmutableArray<ImagePruneTarget> Images { get; init; } = [];

    /// <summary>True when cache and image tags share one repository, told apart by the prefix: then no ref may start with it.</summary>
    public bool IsTagPrefixStyle => Policy.TagPrefixCollision.IsTagPrefixStyle(Image, Repository, Prefix);

    /// <summary>What the prune goes over: each image's repository and scope, or the one repository without a scope.</summary>
    /// <returns>The parts, empty without a cache repository.</returns>
    public IReadOnlyList<ImagePruneTarget> Parts() =>
        Images.Length > 0 ? Images : Repository is null ? [] : [new ImagePruneTarget(string.Empty, Repository, Image, null)];

    /// <summary>The lines Plan prints: the rules and the git commands the prune runs.</summary>
    public IReadOnlyList<PlanStep> Steps => [.. Lines().Select(line => new PlanStep(null, line))];

    /// <summary>
    /// The plan of the prune the options ask for: the one image's cache repository, or with image sections each declared
    /// image's (<see cref="WithImages"/>).
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="build">The build plan (its image and cache repository).</param>
    /// <returns>The prune's plan.</returns>
    public static RegistryPrunePlan Of(BuildxCacheOptions options, GitRefInfo refs, BuildPlan build)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(build);
        return new RegistryPrunePlan(build.CacheRepo, build.Image, options.CacheTagPrefix, refs, options.LiveBranches, options.CacheMaxAge, options.CacheMaxAgeSpan, options.Confirm)
            .WithImages(options.Images, options);
    }

    /// <summary>
    /// This prune over <paramref name="declared"/> images: each selected one (<c>--image-filter</c>, else all) in its cache
    /// repository and scope, knowing every declared image's scope; unchanged without images.
    /// </summary>
    /// <param name="declared">Every image the run declares (cake.config sections, a bake file's targets).</param>
    /// <param name="options">The run's options.</param>
    /// <returns>The plan.</returns>
    public RegistryPrunePlan WithImages(IReadOnlyList<ImageDeclaration> declared, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(options);
        return declared.Count == 0
            ? this
            : this with { Images = ImagePruneTargets.Of(declared, options.ImageFilter.Count == 0 ? null : options.ImageFilter, options) };
    }

    /// <summary>The branches that exist as <c>--live-branches</c> gives them, with the default branch; null when git must list them.</summary>
    /// <param name="defaultBranch">The default branch.</param>
    /// <returns>The names, or null.</returns>
    public IReadOnlyList<string>? GivenLiveBranches(string defaultBranch) =>
        LiveBranches.Count == 0 ? null : [.. LiveBranches.Append(defaultBranch).Distinct(StringComparer.Ordinal)];

    /// <summary>The rules, completed with what the run learnt.</summary>
    /// <param name="defaultBranch">The default branch.</param>
    /// <param name="defaultBranchGuess">Why the default branch is only a guess, or null when it is known.</param>
    /// <param name="liveBranches">The names of the branches that exist, or null when unknown.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The rules <see cref="RegistryCachePrunePolicy"/> decides by.</returns>
    public CachePruneRules Rules(string defaultBranch, string? defaultBranchGuess, IReadOnlyList<string>? liveBranches, DateTimeOffset now) =>
        new(Prefix, RefSlug.From(defaultBranch), liveBranches is null ? null : RemoteBranches.Slugs(liveBranches), MaxAgeSpan, now)
        {
            DefaultBranchGuess = defaultBranchGuess,
        };

    /// <summary>The tag-prefix collision among <paramref name="refNames"/> and this build's own ref, or null (always null outside the tag-prefix style).</summary>
    /// <param name="refNames">The remote's branches and tags.</param>
    /// <returns>The problem, in plain words with the fix, or null.</returns>
    public string? TagPrefixCollision(IEnumerable<string> refNames) =>
        Policy.TagPrefixCollision.Find(Image, Repository, Prefix, Refs.Kind == RefKind.Detached ? refNames : refNames.Append(Refs.RefName));

    private IEnumerable<string> Lines()
    {
        var repository = Images.Length > 0 ? string.Join(", ", Images.Select(image => image.Repository).Distinct(StringComparer.Ordinal)) : Repository ?? "-";
        yield return Confirm
            ? $"registry prune: deletes stale cache tags from {repository} (--confirm)"
            : $"registry prune: dry run of {repository} (add --confirm to delete)";
        var window = RegistryCachePrunePolicy.FormatAge(Rules(Refs.DefaultBranch, null, null, default).RecentWindow);
        var untouched = Prefix.Length == 0 ? string.Empty : $"; tags not starting '{Prefix}' are never touched";
        var defaultTag = Prefix + RefSlug.From(Refs.DefaultBranch);
        var scoped = MaxAge is null ? $", {defaultTag}-<scope>" : $"; {defaultTag}-<scope> unless older than the max age";
        yield return $"  keeps:   the default branch's cache ({defaultTag}{scoped}) and any cache written in the last {window}{untouched}";
        foreach (var (name, imageRepository, scopes) in Images.Where(image => image.Scopes is not null).Select(image => (image.Name, image.Repository, image.Scopes!)))
        {
            var others = scopes.Others.Length == 0 ? string.Empty : $" (never those of {string.Join(", ", scopes.Others)})";
            yield return $"  image {name}: the tags of {imageRepository} that end '-{scopes.Own}'{others}, by these rules";
        }

        var gone = LiveBranches.Count > 0
            ? $"caches of branches other than {string.Join(", ", LiveBranches)} (--live-branches)"
            : $"caches of branches missing from `{LsRemote}`";
        var old = MaxAge is { } age ? $"; caches whose record says they were written more than {age} ago (--cache-max-age)" : string.Empty;
        yield return $"  deletes: {gone}{old}";
        if (LiveBranches.Count == 0)
        {
            yield return $"  {LsRemote}    # the live branches";
        }

        if (!Refs.DefaultBranchKnown)
        {
            yield return $"  {SymrefHead}    # the default branch (CI and --default-branch do not name it); when the remote cannot tell, nothing is deleted";
        }
    }
}
