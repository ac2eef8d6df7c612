namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>How <c>docker buildx create</c> is told the buildkitd config file.</summary>
public enum BuildxConfigFlag
{
    /// <summary><c>--config</c>: the only name before buildx 0.13, a hidden alias since; works everywhere.</summary>
    Config,

    /// <summary><c>--buildkitd-config</c>: the name since buildx 0.13.</summary>
    BuildkitdConfig,
}
