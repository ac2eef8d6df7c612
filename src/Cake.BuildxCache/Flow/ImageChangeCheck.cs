using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Around a reproducible push: what the image's tags pointed at before, and after the push the pushed manifest, handed
/// to <see cref="ImageChangePolicy"/>. A registry that cannot be asked costs the verdict, never the build.
/// </summary>
internal static class ImageChangeCheck
{
    /// <summary>True when <paramref name="plan"/> pushes a reproducible image to tags: what "image unchanged" compares.</summary>
    /// <param name="plan">The build plan.</param>
    /// <returns>Whether the check applies.</returns>
    public static bool Applies(BuildPlan plan) =>
        plan.Output == OutputMode.Push && plan.Time?.IsReproducible == true && plan.Tags.Count > 0;

    /// <summary>Reads what each tag points at before the push; null when the plan does not push a reproducible image.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <returns>Each tag with what it pointed at, or null.</returns>
    public static async Task<IReadOnlyList<KeyValuePair<string, ImageIdentity?>>?> BeforeAsync(BuildxCacheRun run, BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        if (!Applies(plan))
        {
            return null;
        }

        try
        {
            using var client = RegistryAccess.Client(run);
            var identities = await Task.WhenAll(plan.Tags.Select(tag => client.GetImageIdentityAsync(RepositoryReference.Parse(tag)))).ConfigureAwait(false);
            return [.. plan.Tags.Zip(identities, (tag, identity) => new KeyValuePair<string, ImageIdentity?>(tag, identity))];
        }
        catch (Exception exception) when (exception is RegistryException or ArgumentException)
        {
            run.Warning("image check: what the tags pointed at before the push could not be read, so no 'image unchanged' verdict: {0}", exception.Message);
            return null;
        }
    }

    /// <summary>Compares the pushed image with <paramref name="before"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <param name="before">What <see cref="BeforeAsync"/> read, or null.</param>
    /// <param name="digest">The pushed manifest's digest from the metadata file, or null.</param>
    /// <returns>The change, or null when there is nothing to compare.</returns>
    public static async Task<ImageChange?> AfterAsync(BuildxCacheRun run, BuildPlan plan, IReadOnlyList<KeyValuePair<string, ImageIdentity?>>? before, string? digest)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        if (before is null)
        {
            return null;
        }

        try
        {
            using var client = RegistryAccess.Client(run);
            var reference = RepositoryReference.Parse(plan.Tags[0]);
            var after = await client.GetImageIdentityAsync(digest is null ? reference : reference.WithReference(digest)).ConfigureAwait(false);
            if (after is null)
            {
                run.Warning("image check: {0} was not found after the push, so no 'image unchanged' verdict", digest ?? plan.Tags[0]);
                return null;
            }

            // Logged with the report: this runs beside the read of BuildKit's record.
            var change = ImageChangePolicy.Decide(before, after);
            return await KeepTagsAsync(run, client, change, plan.Tags.Count).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RegistryException or ArgumentException)
        {
            run.Warning("image check: the pushed image could not be read, so no 'image unchanged' verdict: {0}", exception.Message);
            return null;
        }
    }

    // The push moved the tags to a new index of the same image manifests (its attestations record this build): each tag
    // goes back to the index it had, unless another run moved it since. A tag that is not put back holds an index of the
    // same image, or a newer one: a warning, never a failure.
    private static async Task<ImageChange> KeepTagsAsync(BuildxCacheRun run, RegistryClient client, ImageChange change, int tagCount)
    {
        if (change.TagsToKeep.Count == 0)
        {
            return change;
        }

        var results = await new ImageTagRestorer(client).RestoreAsync(change.Digest, change.TagsToKeep).ConfigureAwait(false);
        foreach (var left in results.Where(result => !result.Restored))
        {
            run.Warning("image check: {0} not put back on {1}: {2}", left.Tag, left.Earlier, left.Reason);
        }

        var kept = results.Where(result => result.Restored).ToList();
        var earlier = kept.Select(result => result.Earlier).Distinct(StringComparer.Ordinal).ToList();

        // Every tag back on one index: that index is the image the pipeline hands on, not the untagged new one.
        var everyTag = kept.Count == results.Count && earlier.Count == 1 && change.Previous.Count == tagCount && change.Previous.All(pair => pair.Value == earlier[0] || pair.Value == change.Digest);
        return kept.Count == 0
            ? change
            : change with
            {
                Message = $"{change.Message}; {string.Join(", ", kept.Select(result => result.Tag))} put back on {string.Join(", ", earlier)}: no tag moved",
                TaggedDigest = everyTag ? earlier[0] : null,
            };
    }
}
