namespace Cake.BuildxCache.Policy;

/// <summary>What becomes of the built image. Never both pushed and loaded.</summary>
public enum OutputMode
{
    /// <summary><c>--push</c>: pushed to the registry (CI's default).</summary>
    Push,

    /// <summary><c>--load</c>: loaded into the local engine (a local run's default).</summary>
    Load,

    /// <summary>Neither: the result stays in the build cache (push=false and load=false).</summary>
    None,
}
