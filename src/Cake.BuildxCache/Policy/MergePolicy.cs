namespace Cake.BuildxCache.Policy;

/// <summary>
/// The Merge task's decisions, pure: which platform images to join (every expected platform present, of this image and
/// this commit, or a refusal naming what is missing), whether the tags must move, and whether the index read back is
/// the one meant. The same image means the same image manifests (<see cref="ImageIdentity"/>), attestations left out,
/// as for Publish (<see cref="ImageChangePolicy"/>).
/// </summary>
internal static class MergePolicy
{
    /// <summary>Chooses one platform image per expected platform: a listed one (<c>--platform-digest</c>), else a fan-out job's file.</summary>
    /// <param name="plan">The merge plan.</param>
    /// <param name="found">The fan-out hand-off files read.</param>
    /// <param name="unreadable">Why hand-off files could not be read, each naming the file.</param>
    /// <returns>The sources, or the problems.</returns>
    public static MergeSelection Collect(MergePlan plan, IReadOnlyList<PlatformImage> found, IReadOnlyList<string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(unreadable);
        var problems = new List<string>(unreadable);
        if (plan.Platforms.Count == 0)
        {
            problems.Add("no --platform: give the Merge job every platform the index must hold (--platform=linux/amd64,linux/arm64)");
        }

        var sources = new List<PlatformImage>();
        var missing = new List<string>();
        foreach (var platform in plan.Platforms)
        {
            var candidates = plan.Listed.Where(image => image.Platform == platform).ToList() is { Count: > 0 } listed
                ? listed
                : [.. found.Where(image => image.Platform == platform)];
            if (candidates.Count == 0)
            {
                missing.Add(platform);
                continue;
            }

            var source = candidates[0];
            if (!string.Equals(source.Image, plan.Image, StringComparison.Ordinal))
            {
                problems.Add($"{platform}: {source.Source} is an image of {source.Image}, not of {plan.Image}");
            }
            else if (source.Commit is { } commit && !string.Equals(commit, plan.Commit, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{platform}: {source.Source} was built from commit {commit}, not from this commit {plan.Commit} (a stale artifact): rerun that platform's job for this commit");
            }
            else
            {
                sources.Add(source);
            }
        }

        if (missing.Count > 0)
        {
            problems.Insert(0, $"missing platform{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing)}: no {string.Join(", ", missing.Select(ArtifactPaths.FanOut))} and no --platform-digest; the fan-out job of each must succeed first and hand its artifacts/ to this job");
        }

        var unexpected = plan.Listed.Select(image => image.Platform).Except(plan.Platforms, StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
        {
            problems.Add($"--platform-digest names {string.Join(", ", unexpected)}, which --platform does not: add it to --platform or drop it");
        }

        return problems.Count > 0 ? new([], problems) : new(sources, []);
    }

    /// <summary>
    /// The platforms whose image does not say it is this commit's: each image manifest's configuration carries the
    /// <c>org.opencontainers.image.revision</c> label the module writes (<see cref="LabelPolicy"/>), and a label naming
    /// another commit (or none) is refused, whatever the hand-off file says: a digest listed by hand or a file copied from
    /// another pipeline cannot pass for this commit's.
    /// </summary>
    /// <param name="plan">The merge plan (this commit).</param>
    /// <param name="revisions">Per platform, the revision label of each of its image manifests (null where an image has none).</param>
    /// <returns>One problem per platform refused, naming it; empty when every image is this commit's.</returns>
    public static IReadOnlyList<string> CheckRevisions(MergePlan plan, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string?>>> revisions)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(revisions);
        var problems = new List<string>();
        foreach (var (platform, labels) in revisions)
        {
            if (labels.Count > 0 && labels.All(label => string.Equals(label, plan.Commit, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            problems.Add(labels.FirstOrDefault(label => label is not null && !string.Equals(label, plan.Commit, StringComparison.OrdinalIgnoreCase)) is { } named
                ? $"{platform}: its image's {RevisionLabel} label names commit {named}, not this commit {plan.Commit}: rerun that platform's job for this commit"
                : $"{platform}: its image has no {RevisionLabel} label, so it cannot be shown to be this commit's ({plan.Commit}): build it with this module's Publish --fan-out");
        }

        return problems;
    }

    /// <summary>The OCI label that names the commit an image was built from.</summary>
    public const string RevisionLabel = LabelPolicy.Oci + "revision";

    /// <summary>
    /// Whether the tags must move: under <c>--reproducible</c>, not when every tag already points at an index whose image
    /// manifests are those of <paramref name="sources"/> (a rerun of the same commit, whose attestations alone are new).
    /// </summary>
    /// <param name="plan">The merge plan.</param>
    /// <param name="sources">Each platform image as the registry has it.</param>
    /// <param name="tags">Each tag with what it points at, or null when it does not exist.</param>
    /// <returns>The change: <see cref="ImageChange.IsUnchanged"/> means no tag moves.</returns>
    public static ImageChange Change(MergePlan plan, IReadOnlyList<ImageIdentity> sources, IReadOnlyList<KeyValuePair<string, ImageIdentity?>> tags)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(tags);
        var expected = ImageManifests(sources);
        var previous = tags.Where(pair => pair.Value is not null).Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value!.Digest)).ToList();
        if (previous.Count == 0)
        {
            return new(ImageChangeKind.New, string.Empty, previous, "image new: no tag of it existed before the merge");
        }

        var moved = tags.Where(pair => pair.Value is null || !pair.Value.ImageManifests.SequenceEqual(expected, StringComparer.Ordinal)).Select(pair => pair.Key).ToList();
        if (moved.Count > 0)
        {
            return new(ImageChangeKind.Changed, string.Empty, previous, $"image changed: {string.Join(", ", moved)} {(moved.Count == 1 ? "does" : "do")} not hold the image manifests {string.Join(", ", expected)}");
        }

        var digests = previous.Select(pair => pair.Value).Distinct(StringComparer.Ordinal).ToList();
        if (!plan.Reproducible || digests.Count != 1)
        {
            var why = plan.Reproducible ? "the tags point at different indexes" : "--reproducible=false";
            return new(ImageChangeKind.Changed, string.Empty, previous, $"image changed: the same image manifests, but {why}: the tags move to the new index");
        }

        return new(
            ImageChangeKind.SameImage,
            digests[0],
            previous,
            $"image unchanged: {string.Join(", ", tags.Select(pair => pair.Key))} already point at {digests[0]}, an index of the same image manifests {string.Join(", ", expected)}; no tag moved");
    }

    /// <summary>Checks the index the tags point at after the merge: every tag at one index, holding each platform's image manifest and nothing else.</summary>
    /// <param name="plan">The merge plan.</param>
    /// <param name="sources">The platform images joined, with what the registry has for each.</param>
    /// <param name="tags">Each tag with what it points at now.</param>
    /// <returns>What is wrong; empty when the index is the one meant.</returns>
    public static IReadOnlyList<string> Verify(MergePlan plan, IReadOnlyList<KeyValuePair<PlatformImage, ImageIdentity>> sources, IReadOnlyList<KeyValuePair<string, ImageIdentity?>> tags)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(tags);
        var problems = new List<string>();
        foreach (var (tag, _) in tags.Where(pair => pair.Value is null))
        {
            problems.Add($"{tag} does not exist after the merge");
        }

        var indexes = tags.Where(pair => pair.Value is not null).Select(pair => pair.Value!).DistinctBy(identity => identity.Digest).ToList();
        if (indexes.Count > 1)
        {
            problems.Add($"the tags point at {indexes.Count} different manifests: {string.Join(", ", tags.Where(pair => pair.Value is not null).Select(pair => $"{pair.Key} at {pair.Value!.Digest}"))}");
        }

        if (indexes.Count == 0)
        {
            return problems;
        }

        var index = indexes[0];
        foreach (var (source, identity) in sources)
        {
            var held = index.Platforms.Where(pair => pair.Key == source.Platform).Select(pair => pair.Value).ToList();
            if (!identity.ImageManifests.All(held.Contains))
            {
                problems.Add($"{index.Digest} does not hold {source.Platform}'s image manifest {string.Join(", ", identity.ImageManifests)} (it holds {(held.Count == 0 ? "none for that platform" : string.Join(", ", held))})");
            }
        }

        var extra = index.Platforms.Select(pair => pair.Key).Except(plan.Platforms, StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            problems.Add($"{index.Digest} holds platforms no job was meant to build: {string.Join(", ", extra)}");
        }

        return problems;
    }

    private static List<string> ImageManifests(IReadOnlyList<ImageIdentity> sources) =>
        [.. sources.SelectMany(source => source.ImageManifests).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
