namespace Cake.BuildxCache.Policy;

/// <summary>
/// Compares the pushed image with what its tags pointed at before the push. The same image means the same image
/// manifests: with buildx's attestations the index around them is new on every build (the provenance records when the
/// build ran), so an equal index digest is <see cref="ImageChangeKind.Unchanged"/> and equal image manifests inside a new
/// index <see cref="ImageChangeKind.SameImage"/>; both are reported as <c>image unchanged</c>.
/// </summary>
internal static class ImageChangePolicy
{
    /// <summary>Decides.</summary>
    /// <param name="before">Each tag (full reference) with what it pointed at before the push, or null when it did not exist.</param>
    /// <param name="after">What was pushed.</param>
    /// <returns>The change.</returns>
    public static ImageChange Decide(IReadOnlyList<KeyValuePair<string, ImageIdentity?>> before, ImageIdentity after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var existed = before.Where(pair => pair.Value is not null).Select(pair => new KeyValuePair<string, ImageIdentity>(pair.Key, pair.Value!)).ToList();
        var previous = existed.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value.Digest)).ToList();
        if (existed.Count == 0)
        {
            return new(ImageChangeKind.New, after.Digest, previous, $"image new: {after.Digest} (no tag of it existed before the push)");
        }

        var moved = existed.Where(pair => !pair.Value.SameImageAs(after)).ToList();
        if (moved.Count > 0)
        {
            return new(ImageChangeKind.Changed, after.Digest, previous, $"image changed: {string.Join(", ", moved.Select(pair => $"{pair.Key} was {pair.Value.Digest}"))}, now {after.Digest}");
        }

        var tags = string.Join(", ", existed.Select(pair => pair.Key));
        if (existed.All(pair => pair.Value.Digest == after.Digest))
        {
            return new(ImageChangeKind.Unchanged, after.Digest, previous, $"image unchanged: {tags} already pointed at {after.Digest}; the push moved no tag");
        }

        return new(
            ImageChangeKind.SameImage,
            after.Digest,
            previous,
            $"image unchanged: the same image manifest{(after.ImageManifests.Count == 1 ? string.Empty : "s")} {string.Join(", ", after.ImageManifests)} as {tags} had; only the index is new ({after.Digest}, its {after.Attestations} attestation manifest{(after.Attestations == 1 ? string.Empty : "s")} record{(after.Attestations == 1 ? "s" : string.Empty)} when this build ran)");
    }
}
