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
            return await KeepTagsAsync(run, client, change).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RegistryException or ArgumentException)
        {
            run.Warning("image check: the pushed image could not be read, so no 'image unchanged' verdict: {0}", exception.Message);
            return null;
        }
    }

    // The push moved the tags to a new index of the same image manifests (its attestations record this build): each tag
    // goes back to the index it had, written as the registry stores it. A tag that cannot be put back keeps the new
    // index, which holds the same image: a warning, never a failure.
    private static async Task<ImageChange> KeepTagsAsync(BuildxCacheRun run, RegistryClient client, ImageChange change)
    {
        var kept = new List<string>();
        foreach (var (tag, digest) in change.TagsToKeep)
        {
            try
            {
                var reference = RepositoryReference.Parse(tag);
                if (await client.GetManifestAsync(reference.WithReference(digest)).ConfigureAwait(false) is not { } previous)
                {
                    run.Warning("image check: {0} stays at {1}: its earlier index {2} is gone", tag, change.Digest, digest);
                    continue;
                }

                await client.PutManifestAsync(reference, previous.Body, previous.MediaType).ConfigureAwait(false);
                kept.Add(tag);
            }
            catch (RegistryException exception)
            {
                run.Warning("image check: {0} stays at {1} (the same image manifests) and could not be put back on {2}: {3}", tag, change.Digest, digest, exception.Message);
            }
        }

        return kept.Count == 0
            ? change
            : change with { Message = $"{change.Message}; {string.Join(", ", kept)} put back on {string.Join(", ", change.TagsToKeep.Where(pair => kept.Contains(pair.Key)).Select(pair => pair.Value).Distinct(StringComparer.Ordinal))}: no tag moved" };
    }
}
