namespace Cake.BuildxCache.Policy;

/// <summary>What EnsureBuilder does with the builder <c>docker buildx inspect</c> found.</summary>
internal enum BuilderAction
{
    /// <summary>It exists as planned and runs: nothing to do.</summary>
    Reuse,

    /// <summary>It exists as planned but is stopped: bootstrap it.</summary>
    Start,

    /// <summary>It exists but differs from the plan: remove it and create it anew.</summary>
    Recreate,

    /// <summary>It does not exist: create it.</summary>
    Create,
}
