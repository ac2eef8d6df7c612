namespace Cake.BuildxCache.Flow;

/// <summary>The names of the module's tasks, for a script's or a host's own targets to depend on.</summary>
public static class BuildxCacheTaskNames
{
    /// <summary>Prints the plan; runs no docker.</summary>
    public const string Plan = "Plan";

    /// <summary>Prints the option table.</summary>
    public const string Options = "Options";

    /// <summary>Reuses or creates the builder.</summary>
    public const string EnsureBuilder = "EnsureBuilder";

    /// <summary>Logs in to the registries.</summary>
    public const string Login = "Login";

    /// <summary>Builds with the cache: pushes in CI, loads on a laptop.</summary>
    public const string BuildWithCache = "BuildWithCache";

    /// <summary>Builds with the cache and pushes.</summary>
    public const string Publish = "Publish";

    /// <summary>Joins the fan-out jobs' platform images into one index under the tags.</summary>
    public const string Merge = "Merge";

    /// <summary>Checks the Dockerfile with BuildKit's checks (<c>--call=check</c>).</summary>
    public const string Lint = "Lint";

    /// <summary>A developer's build (BuildWithCache).</summary>
    public const string Default = "Default";

    /// <summary>Prunes the builder, or the registry's stale cache tags.</summary>
    public const string PruneCache = "PruneCache";
}
