namespace Cake.BuildxCache.Policy;

/// <summary>What the push did to the image's tags, decided by <see cref="ImageChangePolicy"/>.</summary>
/// <param name="Kind">How it compares.</param>
/// <param name="Digest">The pushed manifest's digest.</param>
/// <param name="Previous">Each tag that existed before, with the digest it pointed at.</param>
/// <param name="Message">The log line: starts <c>image unchanged</c>, <c>image changed</c> or <c>image new</c>.</param>
public sealed record ImageChange(ImageChangeKind Kind, string Digest, IReadOnlyList<KeyValuePair<string, string>> Previous, string Message)
{
    /// <summary>True when the image is the one the tags already had (<see cref="ImageChangeKind.Unchanged"/> or <see cref="ImageChangeKind.SameImage"/>).</summary>
    public bool IsUnchanged => Kind is ImageChangeKind.Unchanged or ImageChangeKind.SameImage;

    /// <summary>
    /// The tags to put back where they were, each with the digest it pointed at: after a push of the same image manifests
    /// in a new index (<see cref="ImageChangeKind.SameImage"/>: only the attestations are new), every tag that existed keeps
    /// its index, as Merge moves no tag when the image manifests are the same; empty otherwise.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> TagsToKeep =>
        Kind == ImageChangeKind.SameImage ? [.. Previous.Where(pair => pair.Value != Digest)] : [];

    /// <summary>
    /// The digest every tag holds once the same-image tags were put back on their one earlier index, or null when they
    /// were not (or nothing needed putting back): the digest to hand on, since the pushed index is left untagged.
    /// </summary>
    public string? TaggedDigest { get; init; }

    /// <summary>The kind as the JSON report writes it: <c>new</c>, <c>unchanged</c>, <c>same-image</c>, <c>changed</c>.</summary>
    public string KindText => Kind switch
    {
        ImageChangeKind.Unchanged => "unchanged",
        ImageChangeKind.SameImage => "same-image",
        ImageChangeKind.Changed => "changed",
        _ => "new",
    };
}
