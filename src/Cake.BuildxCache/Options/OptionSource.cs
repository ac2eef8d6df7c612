namespace Cake.BuildxCache.Options;

/// <summary>Which kind of source an option's value came from, highest precedence first.</summary>
public enum OptionSource
{
    /// <summary>A command-line argument, <c>--image=…</c>.</summary>
    Argument,

    /// <summary>An environment variable, <c>BUILDX_IMAGE</c>.</summary>
    Environment,

    /// <summary>
    /// Cake configuration, <c>Buildx_Image</c>: an argument <c>--buildx_image=</c> over <c>Image=</c> under <c>[Buildx]</c>
    /// in cake.config over <c>CAKE_BUILDX_IMAGE</c> in the environment, Cake's own order under either host.
    /// </summary>
    Configuration,

    /// <summary>A CI variable used as default, e.g. <c>CI_REGISTRY_IMAGE</c>.</summary>
    CiDefault,

    /// <summary>The built-in default.</summary>
    Default,

    /// <summary>Set in code: a host context's <c>ConfigureOptions</c>, or the options an alias was given.</summary>
    Code,
}
