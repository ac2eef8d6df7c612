namespace Cake.BuildxCache.Flow;

/// <summary>The descriptions of the module's tasks, as <c>--description</c> and <c>--tree</c> show them under both hosts.</summary>
public static class BuildxCacheTaskDescriptions
{
    /// <summary>Plan's.</summary>
    public const string Plan = "Prints the refs, options, cache-from/to, tags and the exact docker commands each task would run; needs no docker.";

    /// <summary>Options'.</summary>
    public const string Options = "Lists every option: argument, environment variable, cake.config key, CI default and default (Markdown).";

    /// <summary>EnsureBuilder's.</summary>
    public const string EnsureBuilder = "Reuses or creates the buildx builder (docker-container driver by default) and bootstraps it.";

    /// <summary>Login's.</summary>
    public const string Login = "Logs in to the image and cache registries (password on stdin; skipped locally without credentials).";

    /// <summary>BuildWithCache's.</summary>
    public const string BuildWithCache = "Builds the image with docker buildx and the registry cache (cache-from chain, cache-to when writable; pushes in CI, loads locally), then reports cache use.";

    /// <summary>Publish's.</summary>
    public const string Publish = "Builds with the registry cache and pushes the image (also locally); prunes the builder when --prune-until or a --prune-*-space limit is set.";

    /// <summary>Merge's.</summary>
    public const string Merge = "Joins the platform images the --fan-out jobs pushed by digest (artifacts/fan-out-*.json, or --platform-digest) into one index under the tags (docker buildx imagetools create); refuses when a platform is missing or not this commit's.";

    /// <summary>Lint's.</summary>
    public const string Lint = "Checks the Dockerfile with BuildKit's build checks (docker buildx build --call=check, buildx 0.15+); warnings fail it with --lint-fail-on-warnings.";

    /// <summary>Default's.</summary>
    public const string Default = "Builds locally with the registry cache (read-only) and loads the image into the local engine.";

    /// <summary>PruneCache's.</summary>
    public const string PruneCache = "Prunes the builder's local cache (--prune-until, --prune-reserved-space, --prune-max-used-space, --prune-min-free-space; --prune-remove-builder removes it); --prune-registry prunes stale cache tags in the registry instead (--confirm deletes).";
}
