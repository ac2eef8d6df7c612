using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Which cache mounts a build carries through the registry, where each one's image lives, and whether a content is
/// pushed. A mount's image sits beside the layer cache: each ref of the layer cache's chain (branch, merged branch, merge
/// request target, default branch, in the same scope) with <see cref="CacheMountTag"/>'s suffix; the first that exists
/// fills the mount. It is written to the branch's ref, with the same pushes as the layer cache: never when the layer cache
/// is read-only (a fork's merge request, <c>cache-readonly</c>, a local run that does not push), never by another
/// decision than <see cref="OutputPolicy"/>'s.
/// </summary>
internal static class CacheMountPolicy
{
    /// <summary>The record field with the mount's id.</summary>
    public const string MountIdField = "mount-id";

    /// <summary>The record field with the digest of the mount's content (names and file contents, <see cref="CacheMountHelpers"/>).</summary>
    public const string ContentDigestField = "mount-content";

    /// <summary>The record field with the content's size in bytes.</summary>
    public const string ContentBytesField = "mount-bytes";

    /// <summary>Decides which mounts the build carries.</summary>
    /// <param name="plan">The build plan (its cache chain, its cache-to, its builder).</param>
    /// <param name="options">The options.</param>
    /// <param name="outline">The cache mounts of the stages built.</param>
    /// <returns>The plan.</returns>
    public static CacheMountsPlan Decide(BuildPlan plan, BuildxCacheOptions options, CacheMountOutline outline)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outline);
        var selection = CacheMountSelection.Of(options.CacheMounts);
        if (selection.IsNone)
        {
            return CacheMountsPlan.Nothing($"none carried ({options.OriginOf(OptionCatalog.CacheMounts)})");
        }

        if (outline.Mounts.Count == 0 && outline.Skipped.Count == 0)
        {
            return CacheMountsPlan.Nothing("the stages built declare none");
        }

        var notes = new List<string>(outline.Skipped.Select(skipped => "cache mount not carried: " + skipped));
        var own = plan.CacheFromChain.FirstOrDefault(candidate => candidate.Role == CacheFromRole.Own);
        var writeReason = plan.CacheTo is null ? plan.CacheReadOnlyReason ?? "the layer cache is read-only" : own is null ? "no branch ref" : null;
        var mounts = new List<CacheMountPlan>();
        foreach (var mount in outline.Mounts)
        {
            if (!selection.Picks(mount.Id))
            {
                notes.Add($"cache mount '{mount.Id}' not carried: --cache-mounts lists {string.Join(", ", selection.Ids)}");
                continue;
            }

            if (mount.BaseImage is null)
            {
                notes.Add($"cache mount '{mount.Id}' not carried: stage '{mount.Stage}' starts from scratch, and the helper builds need its base image's shell");
                continue;
            }

            var from = plan.CacheFromChain
                .Select(candidate => CacheMountTag.For(candidate.Ref, mount.Id) is { } mountRef ? candidate with { Spec = Docker.CacheSpec.Registry(mountRef) } : null)
                .OfType<CacheFromCandidate>()
                .ToList();
            if (from.Count == 0)
            {
                notes.Add($"cache mount '{mount.Id}' not carried: its tag would be longer than a tag can be");
                continue;
            }

            var write = writeReason is null ? CacheMountTag.For(own!.Ref, mount.Id) : null;
            mounts.Add(new CacheMountPlan(mount, from, write));
            notes.Add($"cache mount '{mount.Id}' (line {mount.Line}, {mount.Target}): filled from the first of {string.Join(", then ", from.Select(candidate => candidate.Ref))}; "
                + (write is null ? "not exported: " + writeReason : $"exported to {write} when its content changed"));
        }

        for (var i = 0; i < selection.Ids.Count; i++)
        {
            if (outline.Mounts.All(mount => mount.Id != selection.Ids[i]))
            {
                notes.Add($"--cache-mounts lists '{selection.Ids[i]}', which no RUN of the stages built mounts");
            }
        }

        var declared = outline.GlobalArgs.Select(line => line.Split([' ', '='], 2, StringSplitOptions.RemoveEmptyEntries)[0]).ToHashSet(StringComparer.Ordinal);
        var compression = plan.CacheTo?.Compression ?? "zstd";
        return new CacheMountsPlan(
            mounts,
            outline.GlobalArgs,
            [.. plan.BuildArgs.Where(arg => declared.Contains(arg.Key))],
            plan.Builder,
            OptionFormats.SizeInBytes(options.CacheMountMaxSize) ?? long.MaxValue,
            compression,
            writeReason,
            notes);
    }

    /// <summary>
    /// Why the check after the build (a helper that copies the mount out and hashes it) is not needed: no step that mounts
    /// it ran, so the build left its content as the fill made it. Null when the check runs: a step that mounts it ran, a
    /// step that ran is not in the Dockerfile as read, or the build's steps are not known.
    /// </summary>
    /// <param name="mount">The mount.</param>
    /// <param name="ranLines">The Dockerfile line of each build step that ran (null for a step the Dockerfile as read does not name), or null when the build's steps are not known.</param>
    /// <returns>Why the check is skipped, or null.</returns>
    public static string? NoStepRan(CacheMountDeclaration mount, IReadOnlyList<int?>? ranLines)
    {
        ArgumentNullException.ThrowIfNull(mount);
        return ranLines is not null && ranLines.All(line => line is { } known && !mount.Lines.Contains(known))
            ? "unchanged (no step that mounts it ran), not checked"
            : null;
    }

    /// <summary>Whether the content a build left in a mount is pushed, and why.</summary>
    /// <param name="mount">The mount.</param>
    /// <param name="plans">The plan of all mounts (the size cap, read-only).</param>
    /// <param name="content">The content's digest and size, as the helper computed them.</param>
    /// <param name="imported">The record of the image the mount was filled from (its content digest), or null when none was.</param>
    /// <returns>True to push, and why (a line of the log).</returns>
    public static (bool Push, string Why) Export(CacheMountPlan mount, CacheMountsPlan plans, CacheMountContent content, CacheRecord? imported)
    {
        ArgumentNullException.ThrowIfNull(mount);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(content);
        if (mount.WriteRef is null)
        {
            return (false, "not exported: " + (plans.ReadOnlyReason ?? "the build writes no cache"));
        }

        if (imported is not null && imported.Fields.TryGetValue(ContentDigestField, out var before) && before == content.Digest)
        {
            return (false, $"unchanged ({content.Digest}), not exported");
        }

        if (content.Bytes > plans.MaxBytes)
        {
            return (false, $"not exported: its content is {CacheMountContent.Describe(content.Bytes)}, more than --cache-mount-max-size {CacheMountContent.Describe(plans.MaxBytes)}; raise --cache-mount-max-size, or leave the mount out with --cache-mounts");
        }

        if (content.Files == 0)
        {
            return (false, "empty, not exported");
        }

        return (true, imported is null ? "new content" : "content changed");
    }
}
