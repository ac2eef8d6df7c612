namespace Cake.BuildxCache.Options;

/// <summary>The kind of registry the cache is written to (<c>--registry-flavor</c>).</summary>
public enum RegistryFlavor
{
    /// <summary>Any registry that stores BuildKit's cache index as is (distribution, Docker Hub, Azure, Google Artifact Registry…): BuildKit's defaults.</summary>
    Generic,

    /// <summary>GitLab's container registry.</summary>
    GitLab,

    /// <summary>GitHub's container registry, ghcr.io.</summary>
    Ghcr,

    /// <summary>Amazon Elastic Container Registry.</summary>
    Ecr,

    /// <summary>Harbor, which stores the cache only as an OCI image manifest.</summary>
    Harbor,
}
