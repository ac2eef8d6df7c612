namespace Cake.BuildxCache.Report;

/// <summary>What a build step (a BuildKit vertex) is, read from its name.</summary>
public enum StepKind
{
    /// <summary>A Dockerfile instruction of a stage other than its <c>FROM</c>: <c>[stage 2/3] RUN …</c>, <c>[2/2] COPY …</c>. Only these count for the cache hit ratio.</summary>
    Build,

    /// <summary>The base image of a stage: <c>[stage 1/3] FROM …</c>. It is fetched, not built, so it says nothing about the registry cache.</summary>
    BaseImage,

    /// <summary>BuildKit's own work: <c>[internal] load build definition …</c>, <c>[context …] …</c>, any bracket label without a step position.</summary>
    Internal,

    /// <summary>Registry credentials: <c>[auth] sharing credentials for …</c>.</summary>
    Auth,

    /// <summary>Metadata resolution: <c>resolve image config for …</c>, <c>resolving provenance for metadata file</c>.</summary>
    Metadata,

    /// <summary>Reading a registry cache: <c>importing cache manifest from &lt;ref&gt;</c>.</summary>
    CacheImport,

    /// <summary>Writing a cache: <c>exporting cache …</c>, <c>exporting content cache</c>, or a step reporting <c>preparing build cache for export</c> / <c>writing layer …</c>.</summary>
    CacheExport,

    /// <summary>Writing the image: <c>exporting to image</c>, <c>exporting to oci image format</c>, ….</summary>
    ImageExport,

    /// <summary>A name this version does not recognise.</summary>
    Other,
}
