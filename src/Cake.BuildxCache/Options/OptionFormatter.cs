namespace Cake.BuildxCache.Options;

/// <summary>Renders one option's current value as text for printouts; secrets render as <see cref="Secret.Redacted"/>.</summary>
internal static class OptionFormatter
{
    public static string? Format(BuildxCacheOptions o, OptionDescriptor option) => option.Name switch
    {
        "image" => o.Image,
        "cache-repo" => o.EffectiveCacheRepo,
        "cache-tag-prefix" => o.CacheTagPrefix,
        "dockerfile" => o.Dockerfile,
        "context" => o.Context,
        "stage" => o.Stage,
        "platform" => string.Join(',', o.Platforms),
        "builder" => o.Builder,
        "builder-driver" => o.BuilderDriver,
        "driver-opt" => Pairs(o.DriverOpts),
        "buildkitd-config" => o.BuildkitdConfig,
        "cache-mode" => o.CacheMode.ToString().ToLowerInvariant(),
        "cache-readonly" => Flag(o.CacheReadOnly),
        "cache-ignore-error" => Flag(o.CacheIgnoreError),
        "cache-image-manifest" => Flag(o.CacheImageManifest),
        "cache-oci-mediatypes" => Flag(o.CacheOciMediaTypes),
        "cache-compression" => o.CacheCompression?.ToString().ToLowerInvariant(),
        "push" => Flag(o.Push),
        "load" => Flag(o.Load),
        "tag-branch" => Flag(o.TagBranch),
        "tag-sha" => Flag(o.TagSha),
        "tag-latest" => Flag(o.TagLatest),
        "tag-git-tag" => Flag(o.TagGitTag),
        "tag" => string.Join(',', o.ExtraTags),
        "label" => Pairs(o.Labels),
        "build-arg" => Pairs(o.BuildArgs),
        "title" => o.Title,
        "registry" => o.Registry,
        "registry-user" => o.RegistryUser,
        "registry-password" => o.RegistryPassword?.ToString(),
        "cache-registry-user" => o.CacheRegistryUser,
        "cache-registry-password" => o.CacheRegistryPassword?.ToString(),
        "branch" => o.Branch,
        "sha" => o.Sha,
        "default-branch" => o.DefaultBranch,
        "progress" => o.Progress,
        "metadata-file" => o.MetadataFile,
        "check-cache-refs" => Flag(o.CheckCacheRefs),
        "require-cache-hit" => o.RequireCacheHit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "registry-flavor" => o.RegistryFlavor.ToString().ToLowerInvariant(),
        "prune-until" => o.PruneUntil,
        "prune-keep-storage" => o.PruneKeepStorage,
        "prune-remove-builder" => Flag(o.PruneRemoveBuilder),
        "logout" => Flag(o.Logout),
        "prune-registry" => Flag(o.PruneRegistry),
        "cache-max-age" => o.CacheMaxAge,
        "confirm" => Flag(o.Confirm),
        "live-branches" => string.Join(',', o.LiveBranches),
        _ => null,
    };

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static string Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        string.Join(", ", pairs.Select(pair => pair.Key + "=" + pair.Value));
}
